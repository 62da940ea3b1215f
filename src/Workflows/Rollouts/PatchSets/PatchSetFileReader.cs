using System.Globalization;
using Qlrf.Images.Scanners;
using Qlrf.Json;
using Qlrf.Rollouts.PatchSets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qlrf.Workflows.Rollouts.PatchSets;

/// <summary>
/// Reads a versioned patch-set catalogue (YAML): <c>version</c> and <c>patchSets</c>, each with an id, title,
/// families, patches, severity and rebootRequired. A problem is reported with the file, line and field, and
/// a file with any problem yields no patch sets at all.
/// </summary>
public static class PatchSetFileReader
{
    public static PatchSetCatalogue Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static PatchSetCatalogue Parse(TextReader text, string label)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException ex)
        {
            throw new PatchSetFileException(label, (int)ex.Start.Line, "(syntax)", ex.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PatchSetFileException(label, 1, "(root)", "the file must be a mapping with version and patchSets.");
        }

        var version = int.TryParse(Scalar(root, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw Error(label, root, "version", "must be a positive whole number.");
        var list = Child(root, "patchSets") as YamlSequenceNode ?? throw Error(label, root, "patchSets", "expected a list of patch sets.");
        var sets = new List<PatchSet>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"patchSets[{i}]";
            var node = list.Children[i] as YamlMappingNode ?? throw Error(label, list.Children[i], field, "expected a mapping.");
            var id = Text(label, node, "id", field);
            if (!ids.Add(id))
            {
                throw Error(label, node, field + ".id", $"'{id}' is used twice.");
            }

            var severityText = Text(label, node, "severity", field);
            var severity = EnumText<Severity>.TryParse(severityText, out var s) && s is not Severity.Unknown
                ? s
                : throw Error(label, Child(node, "severity")!, field + ".severity", $"'{severityText}' is not one of low, medium, high, critical.");
            var reboot = Scalar(node, "rebootRequired") switch
            {
                null => false,
                var b when bool.TryParse(b, out var parsed) => parsed,
                _ => throw Error(label, Child(node, "rebootRequired")!, field + ".rebootRequired", "must be true or false."),
            };
            sets.Add(new PatchSet(id, Text(label, node, "title", field), List(label, node, "families", field), List(label, node, "patches", field), severity, reboot));
        }

        return new PatchSetCatalogue(version, sets);
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : null;

    private static string Text(string label, YamlMappingNode map, string key, string field) =>
        Scalar(map, key) ?? throw Error(label, Child(map, key) ?? map, $"{field}.{key}", "is missing.");

    private static List<string> List(string label, YamlMappingNode map, string key, string field)
    {
        var node = Child(map, key) as YamlSequenceNode ?? throw Error(label, Child(map, key) ?? map, $"{field}.{key}", "expected a list of at least one item.");
        var items = node.Children.Select(c => c is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : throw Error(label, c, $"{field}.{key}", "expected text.")).ToList();
        return items.Count > 0 ? items : throw Error(label, node, $"{field}.{key}", "expected a list of at least one item.");
    }

    private static PatchSetFileException Error(string label, YamlNode node, string field, string problem) => new(label, (int)node.Start.Line, field, problem);
}

/// <summary>A patch-set file that cannot be read, naming the file, line and field.</summary>
public sealed class PatchSetFileException(string file, int line, string field, string problem)
    : Exception($"{file}:{line}: {field}: {problem}")
{
    public string Field { get; } = field;

    public int Line { get; } = line;
}
