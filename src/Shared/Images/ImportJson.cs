using System.Globalization;
using System.Text.Json;

namespace Qlrf.Images;

/// <summary>
/// Reads an imported JSON document strictly, keeping the JSON path of every value so a problem is
/// reported as <c>$.Results[2].Vulnerabilities[5].Severity</c>.
/// </summary>
public readonly record struct ImportJson(JsonElement Element, string Path, string Format)
{
    /// <summary>Parses <paramref name="json"/>; broken JSON is reported with its line and position.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json, string format)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")
                : "the document";
            throw new ImportFormatException(format, where, "not valid JSON");
        }
    }

    public static ImportJson Root(JsonDocument document, string format)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ImportJson(document.RootElement, "$", format);
    }

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

    public string? OptionalString(string name)
    {
        var value = Optional(name)?.AsString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string AsString() => Kind == JsonValueKind.String ? Element.GetString()! : throw Error($"expected a string, found {Describe(Kind)}");

    public int AsInt() => Kind == JsonValueKind.Number && Element.TryGetInt32(out var value) ? value : throw Error($"expected a whole number, found {Describe(Kind)}");

    public DateTimeOffset? OptionalTime(string name)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new ImportFormatException(Format, $"{Path}.{name}", $"'{text}' is not a date and time");
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
