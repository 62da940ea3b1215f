using System.Text.Json.Nodes;
using Qlrf.Security;

namespace Qlrf.Ai;

/// <summary>
/// A tool the copilot may call: its name, what it does (the model reads this), its risk, the permission the caller
/// needs for it, and its arguments.
/// </summary>
public sealed record AiToolDescriptor(string Name, string Description, AiRisk Risk, Permission Permission, IReadOnlyList<AiToolParameter> Parameters)
{
    /// <summary>The JSON schema of the tool's arguments (an object; no property beyond those declared).</summary>
    public JsonObject JsonSchema()
    {
        var properties = new JsonObject();
        foreach (var parameter in Parameters)
        {
            properties[parameter.Name] = Schema(parameter);
        }

        var required = new JsonArray(Parameters.Where(p => p.Required).Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray());
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Schema(AiToolParameter parameter)
    {
        var schema = parameter.Type switch
        {
            AiParameterType.Text => Text(parameter),
            AiParameterType.TextList => new JsonObject { ["type"] = "array", ["items"] = Text(parameter), ["maxItems"] = parameter.MaxItems },
            AiParameterType.Number => Integer(parameter),
            AiParameterType.Boolean => new JsonObject { ["type"] = "boolean" },
            _ => new JsonObject { ["type"] = "object", ["additionalProperties"] = Text(parameter), ["maxProperties"] = parameter.MaxItems },
        };
        schema["description"] = parameter.Description;
        return schema;
    }

    private static JsonObject Text(AiToolParameter parameter)
    {
        var schema = new JsonObject { ["type"] = "string", ["maxLength"] = parameter.MaxLength };
        if (parameter.AllowedValues.Count > 0)
        {
            schema["enum"] = new JsonArray(parameter.AllowedValues.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return schema;
    }

    private static JsonObject Integer(AiToolParameter parameter)
    {
        var schema = new JsonObject { ["type"] = "integer" };
        if (parameter.Minimum is { } min)
        {
            schema["minimum"] = min;
        }

        if (parameter.Maximum is { } max)
        {
            schema["maximum"] = max;
        }

        return schema;
    }
}
