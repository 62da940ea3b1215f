using System.Globalization;

namespace Qlrf.Compliance.Checks;

/// <summary>A check's parameter: its name, default, and the values it takes (a whole number in a range, or one of a list).</summary>
public sealed record CheckParameter(string Name, string Default, string Description, int Min = 0, int Max = 0, IReadOnlyList<string>? Choices = null, bool FreeText = false)
{
    /// <summary>Any name (letters, digits, <c>. _ - *</c>), such as an image family; <c>*</c> conventionally means all.</summary>
    public static CheckParameter Text(string name, string @default, string description) =>
        new(name, @default, description, FreeText: true);

    public static CheckParameter Number(string name, int @default, int min, int max, string description) =>
        new(name, @default.ToString(CultureInfo.InvariantCulture), description, min, max);

    public static CheckParameter Choice(string name, string @default, IReadOnlyList<string> choices, string description) =>
        new(name, @default, description, Choices: choices);

    /// <summary>Why the value is not allowed, or null when it is.</summary>
    public string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (FreeText)
        {
            return value.Length > 0 && value.Length <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '*')
                ? null
                : $"'{value}' is not a name (letters, digits, '.', '_', '-', or '*' for all).";
        }

        if (Choices is { } choices)
        {
            return choices.Contains(value, StringComparer.Ordinal) ? null : $"'{value}' is not one of {string.Join(", ", choices)}.";
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= Min && n <= Max
            ? null
            : $"'{value}' is not a whole number from {Min} to {Max}.";
    }
}

/// <summary>A check's parameter values, resolved (every parameter present).</summary>
public sealed class CheckParameters(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values => values;

    public int Number(string name) => int.Parse(values[name], NumberStyles.None, CultureInfo.InvariantCulture);

    public string Text(string name) => values[name];
}
