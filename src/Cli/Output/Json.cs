using System.Globalization;
using System.Text.Json;

namespace Qlrf.Cli.Output;

/// <summary>Reading fields of the API's JSON by dotted path, as text for tables.</summary>
public static class Json
{
    /// <summary>The element at a dotted path (<c>rollout.progress.done</c>), or an undefined element.</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return default;
            }
        }

        return current;
    }

    public static string Text(this JsonElement element, string path) => Text(element.At(path));

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}={Text(p.Value)}")),
        _ => string.Empty,
    };

    public static double Number(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : 0;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string? path = null)
    {
        var list = path is null ? element : element.At(path);
        if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("items", out var items))
        {
            list = items;
        }

        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
