using System.Globalization;
using System.Text.Json;

namespace Qlrf.Images;

/// <summary>
/// A value of an imported JSON document (read whole by <see cref="ImportJsonReader"/>), read strictly, keeping the
/// JSON path of every value so a problem is reported as <c>$.Results[2].Vulnerabilities[5].Severity</c>.
/// </summary>
public readonly record struct ImportJson(JsonElement Element, string Path, string Format)
{
    public JsonValueKind Kind => Element.ValueKind;

    public ImportFormatException Error(string problem) => new(Format, Path, problem);

    public ImportJson RequireObject()
    {
        if (Kind != JsonValueKind.Object)
        {
            throw Error($"expected an object, found {Describe(Kind)}");
        }

        return this;
    }

    public bool Has(string name) => Kind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

    /// <summary>The property, or null when it is missing or JSON null.</summary>
    public ImportJson? Optional(string name)
    {
        RequireObject();
        return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new ImportJson(value, $"{Path}.{name}", Format)
            : null;
    }

    public ImportJson Required(string name) => Optional(name) ?? throw new ImportFormatException(Format, $"{Path}.{name}", "is missing");

    public string RequiredString(string name)
    {
        var value = Required(name).AsString();
        return value.Length > 0 ? value : throw new ImportFormatException(Format, $"{Path}.{name}", "must not be empty");
    }

    public string? OptionalString(string name) => Optional(name)?.AsOptionalString();

    public string AsString() => Kind == JsonValueKind.String ? Element.GetString()! : throw Error($"expected a string, found {Describe(Kind)}");

    /// <summary>The string, or null when the value is JSON null or empty.</summary>
    public string? AsOptionalString() => Kind == JsonValueKind.Null || AsString() is not { Length: > 0 } text ? null : text;

    public int AsInt() => Kind == JsonValueKind.Number && Element.TryGetInt32(out var value) ? value : throw Error($"expected a whole number, found {Describe(Kind)}");

    public DateTimeOffset? OptionalTime(string name) => Optional(name)?.AsOptionalTime();

    /// <summary>The date and time, or null when the value is JSON null or empty.</summary>
    public DateTimeOffset? AsOptionalTime()
    {
        var text = AsOptionalString();
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw Error($"'{text}' is not a date and time");
    }

    /// <summary>The items of an array property; empty when the property is missing or null.</summary>
    public IEnumerable<ImportJson> Items(string name) => Optional(name) is { } array ? array.Items() : [];

    public IEnumerable<ImportJson> Items()
    {
        if (Kind != JsonValueKind.Array)
        {
            throw Error($"expected an array, found {Describe(Kind)}");
        }

        var i = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new ImportJson(item, $"{Path}[{i++}]", Format);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
