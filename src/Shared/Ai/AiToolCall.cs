using System.Text.Json;

namespace Qlrf.Ai;

/// <summary>One call of a tool in a plan: the tool's name and its arguments, a JSON object.</summary>
public sealed record AiToolCall(string Tool, IReadOnlyDictionary<string, JsonElement> Arguments)
{
    public static AiToolCall Of(string tool, object arguments)
    {
        var element = JsonSerializer.SerializeToElement(arguments, Json.QlrfJson.Options);
        return new AiToolCall(tool, element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal));
    }

    public string? Text(string name) =>
        Arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string> Texts(string name) =>
        Arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    public int? Whole(string name) =>
        Arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    public bool? Flag(string name) =>
        Arguments.TryGetValue(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public IReadOnlyDictionary<string, string> Map(string name) =>
        Arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
}
