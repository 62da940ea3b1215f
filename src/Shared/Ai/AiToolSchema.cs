using System.Text.Json;

namespace Qlrf.Ai;

/// <summary>Checks a tool call's arguments against its tool's parameters: required ones present, no others, types, bounds, closed values.</summary>
public static class AiToolSchema
{
    public static IReadOnlyList<string> Check(AiToolDescriptor tool, AiToolCall call)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(call);
        var problems = new List<string>();
        var declared = tool.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var name in call.Arguments.Keys.Where(k => !declared.ContainsKey(k)))
        {
            problems.Add($"'{name}' is not an argument of {tool.Name}.");
        }

        foreach (var parameter in tool.Parameters)
        {
            if (!call.Arguments.TryGetValue(parameter.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (parameter.Required)
                {
                    problems.Add($"'{parameter.Name}' is required.");
                }

                continue;
            }

            if (CheckValue(parameter, value) is { } problem)
            {
                problems.Add($"'{parameter.Name}' {problem}");
            }
        }

        return problems;
    }

    private static string? CheckValue(AiToolParameter parameter, JsonElement value) => parameter.Type switch
    {
        AiParameterType.Text => value.ValueKind == JsonValueKind.String ? CheckText(parameter, value.GetString()!) : "must be a string.",
        AiParameterType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false.",
        AiParameterType.Number => CheckInteger(parameter, value),
        AiParameterType.TextList => value.ValueKind != JsonValueKind.Array ? "must be an array of strings."
            : value.GetArrayLength() > parameter.MaxItems ? $"may hold at most {parameter.MaxItems} items."
            : value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? CheckText(parameter, v.GetString()!) : "must hold only strings.").FirstOrDefault(p => p is not null),
        _ => value.ValueKind != JsonValueKind.Object ? "must be an object of strings."
            : value.EnumerateObject().Count() > parameter.MaxItems ? $"may hold at most {parameter.MaxItems} entries."
            : value.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String && p.Name.Length <= parameter.MaxLength ? CheckText(parameter, p.Value.GetString()!) : "must map names to strings.").FirstOrDefault(p => p is not null),
    };

    private static string? CheckText(AiToolParameter parameter, string text) =>
        text.Length > parameter.MaxLength ? $"is longer than {parameter.MaxLength} characters."
        : text.Any(char.IsControl) ? "holds control characters."
        : parameter.AllowedValues.Count > 0 && !parameter.AllowedValues.Contains(text, StringComparer.Ordinal) ? $"'{text}' is not one of {string.Join(", ", parameter.AllowedValues)}."
        : null;

    private static string? CheckInteger(AiToolParameter parameter, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            return "must be an integer.";
        }

        return number < parameter.Minimum ? $"must be at least {parameter.Minimum}."
            : number > parameter.Maximum ? $"must be at most {parameter.Maximum}."
            : null;
    }
}
