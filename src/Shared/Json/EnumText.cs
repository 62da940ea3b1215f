using System.Collections.Frozen;
using System.Text.Json;

namespace Qlrf.Json;

/// <summary>
/// The snake_case text of enum values (<c>cloud_region</c>), the same text the JSON API uses, for
/// storage columns and query parameters.
/// </summary>
public static class EnumText<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, T> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>All values' text, in declaration order, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<T>().Select(v => Names[v]).ToArray();

    public static string Of(T value) => Names[value];

    public static bool TryParse(string? text, out T value)
    {
        value = default;
        return text is not null && Values.TryGetValue(text.Trim(), out value);
    }

    public static T Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not one of {string.Join(", ", All)}.");
}
