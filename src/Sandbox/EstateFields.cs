using Qlrf.Json;
using Qlrf.Sandbox.Yaml;
using Qlrf.Tenancy;

namespace Qlrf.Sandbox;

/// <summary>Reads the typed fields of an estate file's mappings, naming the file, line and field of any problem.</summary>
internal sealed class EstateFields(string label)
{
    public string Label => label;

    public EstateFileException Error(YamlValue node, string field, string problem) =>
        new(label, node.Line, field, problem);

    public YamlMap AsMapping(YamlValue node, string field) =>
        node as YamlMap ?? throw Error(node, field, "expected a mapping.");

    public YamlMap Mapping(YamlMap parent, string key, string field) =>
        AsMapping(parent[key] ?? throw Error(parent, field, "is missing."), field);

    public YamlList List(YamlMap parent, string key, string field) =>
        parent[key] switch
        {
            null => throw Error(parent, field, "is missing."),
            YamlList list => list,
            var other => throw Error(other, field, "expected a list."),
        };

    public string? OptionalString(YamlMap map, string key, string field) =>
        map[key] switch
        {
            null => null,
            YamlText { Value: var v } => string.IsNullOrWhiteSpace(v) ? null : v.Trim(),
            var other => throw Error(other, field, "expected text."),
        };

    public string String(YamlMap map, string key, string field) =>
        OptionalString(map, key, field) ?? throw Error(map[key] ?? map, field, "is missing.");

    public string Slug(YamlMap map, string key, string field)
    {
        var value = String(map, key, field).ToLowerInvariant();
        return OrganisationId.IsValid(value)
            ? value
            : throw Error(map[key]!, field, $"'{value}' must be lower-case letters, digits and dashes.");
    }

    public T Enum<T>(YamlMap map, string key, string field)
        where T : struct, System.Enum
    {
        var text = String(map, key, field);
        return EnumText<T>.TryParse(text, out var value)
            ? value
            : throw Error(map[key]!, field, $"'{text}' is not one of {string.Join(", ", EnumText<T>.All)}.");
    }

    public T OptionalEnum<T>(YamlMap map, string key, string field, T fallback)
        where T : struct, System.Enum =>
        map[key] is null ? fallback : Enum<T>(map, key, field);
}
