using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Explains a JSON body the serializer refused, as a 400 naming the field (<c>schedule.kind</c>): a value of the
/// wrong kind says what the field takes, an enum field listing its values (<c>'weekly' is not one of
/// test_failover, full_failover</c>), and JSON that does not parse says where. The field's type is found by walking
/// the body type's JSON contract along the error's path, so every field of every body is explained the same way.
/// </summary>
internal static class JsonBodyProblem
{
    public static RequestValidationException Explain(JsonException error, Type bodyType, ReadOnlySpan<byte> json, bool wellFormed)
    {
        var path = error.Path;
        var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
        if (wellFormed && path is not null && Segments(path) is { } segments && TypeAt(bodyType, segments) is { } type)
        {
            var found = Found(json, segments);
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (target.IsEnum)
            {
                var values = string.Join(", ", Enum.GetNames(target).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
                return new RequestValidationException(field, found is { ValueKind: JsonValueKind.String } text
                    ? $"'{text.GetString()}' is not one of {values}."
                    : $"must be one of {values}, found {Describe(found)}.");
            }

            if (Expected(target) is { } expected)
            {
                return new RequestValidationException(field, $"must be {expected}, found {Describe(found)}.");
            }
        }

        return new RequestValidationException(field, error.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"is not valid JSON for this request (line {line + 1}, position {error.BytePositionInLine + 1}).")
            : "is not valid JSON for this request.");
    }

    /// <summary>The steps of a serializer path (<c>$.schedule.kind</c>, <c>$.waves[2]</c>, <c>$['odd name']</c>): names, or indexes.</summary>
    private static List<(string? Name, int Index)>? Segments(string path)
    {
        var segments = new List<(string?, int)>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 1)..end], -1));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add((path[(i + 2)..end], -1));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add((null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    /// <summary>The type the body's contract has at the path, or null when the path leaves it.</summary>
    private static Type? TypeAt(Type bodyType, List<(string? Name, int Index)> segments)
    {
        var info = QlrfJson.Options.GetTypeInfo(bodyType);
        foreach (var (name, _) in segments)
        {
            Type? next = info.Kind switch
            {
                JsonTypeInfoKind.Object when name is not null =>
                    info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType,
                JsonTypeInfoKind.Dictionary when name is not null => info.ElementType,
                JsonTypeInfoKind.Enumerable when name is null => info.ElementType,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            info = QlrfJson.Options.GetTypeInfo(next);
        }

        return info.Type;
    }

    /// <summary>The value the body has at the path (property names matched as the serializer does, ignoring case).</summary>
    private static JsonElement? Found(ReadOnlySpan<byte> json, List<(string? Name, int Index)> segments)
    {
        var reader = new Utf8JsonReader(json);
        if (!JsonElement.TryParseValue(ref reader, out var element))
        {
            return null;
        }

        var at = element.Value;
        foreach (var (name, index) in segments)
        {
            if (name is not null && at.ValueKind == JsonValueKind.Object)
            {
                var match = at.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).LastOrDefault();
                if (match is not { } value)
                {
                    return null;
                }

                at = value;
            }
            else if (name is null && at.ValueKind == JsonValueKind.Array && index < at.GetArrayLength())
            {
                at = at[index];
            }
            else
            {
                return null;
            }
        }

        return at;
    }

    private static string? Expected(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.String or TypeCode.Char => "a string",
        TypeCode.Boolean => "true or false",
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
        TypeCode.DateTime => "a date and time (ISO 8601, e.g. 2026-11-01T10:00:00Z)",
        _ when type == typeof(DateTimeOffset) => "a date and time (ISO 8601, e.g. 2026-11-01T10:00:00Z)",
        _ when type == typeof(TimeSpan) => "a duration (hh:mm:ss, e.g. 00:30:00)",
        _ when type == typeof(JsonElement) => null,
        _ => QlrfJson.Options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ => null,
        },
    };

    private static string Describe(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => $"'{value.Value.GetString()}'",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };
}
