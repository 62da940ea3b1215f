using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Qlrf.UnitTests.Deployment;

/// <summary>
/// A small JSON Schema (2019-09) validator for the keywords azd's <c>azure.yaml</c> schema uses: type, required,
/// properties, additionalProperties, min/maxProperties, items, min/maxItems, uniqueItems, min/maxLength, pattern,
/// enum, const, allOf, anyOf, oneOf, not, if/then/else, boolean schemas and local <c>$ref</c>s. Annotations are
/// ignored; any other keyword, or an external <c>$ref</c> that has to be followed, throws rather than pass unchecked.
/// (Newtonsoft.Json.Schema restores here but is AGPL or paid, with a free-tier validation limit.)
/// </summary>
public sealed class JsonSchemaSubset(JsonNode root)
{
    private static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$comment", "comment", "title", "description", "examples", "default", "deprecated", "markdownDescription", "definitions", "$defs", "then", "else"];

    /// <summary>Every violation, as <c>$.path: what</c>; empty when the instance is valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private bool IsValid(JsonNode? schema, JsonNode? instance) => Collect(schema, instance).Count == 0;

    private List<string> Collect(JsonNode? schema, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode? schema, JsonNode? instance, string path, List<string> errors)
    {
        if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed)
            {
                errors.Add($"{path}: is not allowed here");
            }

            return;
        }

        var keywords = schema?.AsObject() ?? throw new InvalidOperationException($"{path}: the schema is neither an object nor a boolean.");
        foreach (var (keyword, value) in keywords)
        {
            switch (keyword)
            {
                case "$ref":
                    Check(Resolve(value!.GetValue<string>()), instance, path, errors);
                    break;
                case "type":
                    var types = value is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [value!.GetValue<string>()];
                    if (!types.Any(t => HasType(instance, t)))
                    {
                        errors.Add($"{path}: should be {string.Join(" or ", types)}");
                    }

                    break;
                case "required" when instance is JsonObject required:
                    errors.AddRange(value!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !required.ContainsKey(n)).Select(n => $"{path}: lacks '{n}'"));
                    break;
                case "properties" when instance is JsonObject properties:
                    foreach (var (name, sub) in value!.AsObject().Where(p => properties.ContainsKey(p.Key)))
                    {
                        Check(sub, properties[name], $"{path}.{name}", errors);
                    }

                    break;
                case "additionalProperties" when instance is JsonObject additional:
                    var declared = keywords["properties"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
                    foreach (var (name, item) in additional.Where(p => !declared.Contains(p.Key)))
                    {
                        Check(value, item, $"{path}.{name}", errors);
                    }

                    break;
                case "minProperties" when instance is JsonObject counted && counted.Count < value!.GetValue<int>():
                    errors.Add($"{path}: needs at least {value} properties");
                    break;
                case "maxProperties" when instance is JsonObject counted && counted.Count > value!.GetValue<int>():
                    errors.Add($"{path}: takes at most {value} properties");
                    break;
                case "items" when instance is JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        Check(value, items[i], $"{path}[{i}]", errors);
                    }

                    break;
                case "minItems" when instance is JsonArray counted && counted.Count < value!.GetValue<int>():
                    errors.Add($"{path}: needs at least {value} items");
                    break;
                case "maxItems" when instance is JsonArray counted && counted.Count > value!.GetValue<int>():
                    errors.Add($"{path}: takes at most {value} items");
                    break;
                case "uniqueItems" when instance is JsonArray unique && value!.GetValue<bool>():
                    if (unique.Select((a, i) => unique.Skip(i + 1).Any(b => JsonNode.DeepEquals(a, b))).Any(d => d))
                    {
                        errors.Add($"{path}: items must be unique");
                    }

                    break;
                case "minLength" when Text(instance) is { } shortText && shortText.Length < value!.GetValue<int>():
                    errors.Add($"{path}: shorter than {value} characters");
                    break;
                case "maxLength" when Text(instance) is { } longText && longText.Length > value!.GetValue<int>():
                    errors.Add($"{path}: longer than {value} characters");
                    break;
                case "pattern" when Text(instance) is { } text && !Regex.IsMatch(text, value!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)):
                    errors.Add($"{path}: '{text}' does not match {value}");
                    break;
                case "enum":
                    if (!value!.AsArray().Any(option => JsonNode.DeepEquals(option, instance)))
                    {
                        errors.Add($"{path}: is not one of {value.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(value, instance))
                    {
                        errors.Add($"{path}: must be {value?.ToJsonString()}");
                    }

                    break;
                case "allOf":
                    foreach (var sub in value!.AsArray())
                    {
                        Check(sub, instance, path, errors);
                    }

                    break;
                case "anyOf":
                    if (!value!.AsArray().Any(sub => IsValid(sub, instance)))
                    {
                        errors.Add($"{path}: matches none of anyOf");
                    }

                    break;
                case "oneOf":
                    var matching = value!.AsArray().Count(sub => IsValid(sub, instance));
                    if (matching != 1)
                    {
                        errors.Add($"{path}: matches {matching} of oneOf, not exactly one");
                    }

                    break;
                case "not":
                    if (IsValid(value, instance))
                    {
                        errors.Add($"{path}: must not match {value!.ToJsonString()}");
                    }

                    break;
                case "if":
                    var branch = IsValid(value, instance) ? keywords["then"] : keywords["else"];
                    if (branch is not null)
                    {
                        Check(branch, instance, path, errors);
                    }

                    break;
                case "required" or "properties" or "additionalProperties" or "minProperties" or "maxProperties" or "items" or "minItems"
                    or "maxItems" or "uniqueItems" or "minLength" or "maxLength" or "pattern":
                    break;
                default:
                    if (!Annotations.Contains(keyword))
                    {
                        throw new NotSupportedException($"{path}: the schema keyword '{keyword}' is not supported by this validator.");
                    }

                    break;
            }
        }
    }

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"The external $ref '{reference}' cannot be followed offline.");
        }

        JsonNode? node = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node ?? throw new InvalidOperationException($"The $ref '{reference}' points at nothing.");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool HasType(JsonNode? node, string type) => type switch
    {
        "null" => node is null,
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node is JsonValue s && s.TryGetValue<string>(out _),
        "boolean" => node is JsonValue b && b.TryGetValue<bool>(out _),
        "integer" => node is JsonValue i && (i.TryGetValue<long>(out _) || (i.TryGetValue<double>(out var d) && Math.Floor(d) == d)),
        "number" => node is JsonValue n && (n.TryGetValue<long>(out _) || n.TryGetValue<double>(out _)),
        _ => throw new NotSupportedException($"The type '{type}' is not a JSON Schema type."),
    };
}
