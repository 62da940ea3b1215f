using System.Globalization;

namespace Qlrf.Compliance.Checks;

/// <summary>A check's parameter: its name, default, and the values it takes (a whole number in a range, or one of a list).</summary>
public sealed record CheckParameter(string Name, string Default, string Description, int Min = 0, int Max = 0, IReadOnlyList<string>? Choices = null)
{
    public static CheckParameter Number(string name, int @default, int min, int max, string description) =>
        new(name, @default.ToString(CultureInfo.InvariantCulture), description, min, max);

    public static CheckParameter Choice(string name, string @default, IReadOnlyList<string> choices, string description) =>
        new(name, @default, description, Choices: choices);

    /// <summary>Why the value is not allowed, or null when it is.</summary>
    public string? Problem(string value)
    {
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
