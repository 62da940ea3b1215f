using Qlrf.Json;
using Qlrf.Sandbox.Yaml;
using Qlrf.Tenancy;

namespace Qlrf.Sandbox;

/// <summary>
/// Reads the typed fields of an estate file's mappings, naming the file, line and field of any problem. A field is
/// named by the mapping it sits in (<paramref name="label"/> aside, each method takes the mapping's place and the key).
/// </summary>
internal sealed class EstateFields(string label)
{
    public EstateFileException Error(YamlValue node, EstateField field, string problem) => Error(node.Line, field, problem);

    public EstateFileException Error(int line, EstateField field, string problem) => new(label, line, field.ToString(), problem);

    public YamlMap AsMapping(YamlValue node, EstateField field) =>
        node as YamlMap ?? throw Error(node, field, "expected a mapping.");

    public YamlMap Mapping(YamlMap parent, string key, EstateField at) =>
        AsMapping(parent[key] ?? throw Error(parent, at.Named(key), "is missing."), at.Named(key));

    public YamlList List(YamlMap parent, string key, EstateField at) =>
        parent[key] switch
        {
            null => throw Error(parent, at.Named(key), "is missing."),
            YamlList list => list,
            var other => throw Error(other, at.Named(key), "expected a list."),
        };

    public string? OptionalString(YamlMap map, string key, EstateField at) =>
        map[key] switch
        {
            null => null,
            YamlText { Value: var v } => string.IsNullOrWhiteSpace(v) ? null : v.Trim(),
            var other => throw Error(other, at.Named(key), "expected text."),
        };

    public string String(YamlMap map, string key, EstateField at) =>
        OptionalString(map, key, at) ?? throw Error(map[key] ?? map, at.Named(key), "is missing.");

    public string Slug(YamlMap map, string key, EstateField at)
    {
        var value = String(map, key, at).ToLowerInvariant();
        return OrganisationId.IsValid(value)
            ? value
            : throw Error(map[key]!, at.Named(key), $"'{value}' must be lower-case letters, digits and dashes.");
    }

    public T Enum<T>(YamlMap map, string key, EstateField at)
        where T : struct, System.Enum
    {
        var text = String(map, key, at);
        return EnumText<T>.TryParse(text, out var value)
            ? value
            : throw Error(map[key]!, at.Named(key), $"'{text}' is not one of {string.Join(", ", EnumText<T>.All)}.");
    }

    public T OptionalEnum<T>(YamlMap map, string key, EstateField at, T fallback)
        where T : struct, System.Enum =>
        map[key] is null ? fallback : Enum<T>(map, key, at);
}
