using System.Globalization;
using System.Text.RegularExpressions;
using Qlrf.Compliance.Checks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qlrf.Compliance.Frameworks;

/// <summary>
/// Reads a framework file (<c>compliance/*.yaml</c>): <c>id</c>, <c>version</c>, <c>title</c> and <c>controls</c>, each
/// with <c>id</c>, <c>title</c>, and either <c>checks</c> (each <c>check</c> with optional <c>params</c>) with an
/// optional <c>minPassPercent</c>, or <c>manual</c> (what the auditor needs instead). Every check and parameter must be
/// known. A problem is reported with the file, line and field, and a file with any problem yields no framework.
/// </summary>
public static partial class FrameworkFileReader
{
    public static Framework Read(string path, IReadOnlyDictionary<string, IComplianceCheck> checks)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path, checks);
    }

    public static Framework Parse(TextReader text, string label, IReadOnlyDictionary<string, IComplianceCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException ex)
        {
            throw new FrameworkFileException(label, (int)ex.Start.Line, "(syntax)", ex.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FrameworkFileException(label, 1, "(root)", "the file must be a mapping with id, version, title and controls.");
        }

        var id = Text(label, root, "id", "");
        if (!Slug().IsMatch(id))
        {
            throw Error(label, Child(root, "id")!, "id", $"'{id}' must be a lower-case slug (letters, digits, dashes).");
        }

        var version = Text(label, root, "version", "");
        var title = Text(label, root, "title", "");
        var list = Child(root, "controls") as YamlSequenceNode ?? throw Error(label, Child(root, "controls") ?? root, "controls", "expected a list of controls.");
        if (list.Children.Count == 0)
        {
            throw Error(label, list, "controls", "expected at least one control.");
        }

        var controls = new List<Control>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"controls[{i}]";
            var node = list.Children[i] as YamlMappingNode ?? throw Error(label, list.Children[i], field, "expected a mapping.");
            var controlId = Text(label, node, "id", field);
            if (!ids.Add(controlId))
            {
                throw Error(label, Child(node, "id")!, field + ".id", $"'{controlId}' is used twice.");
            }

            var manual = Scalar(node, "manual");
            var uses = Child(node, "checks") is { } checkNode ? Uses(label, checkNode, field + ".checks", checks) : [];
            if (uses.Count == 0 && manual is null)
            {
                throw Error(label, node, field, "needs checks (that evidence it) or manual (what the auditor needs instead).");
            }

            var scoring = ControlScoring.All;
            if (Child(node, "minPassPercent") is { } percentNode)
            {
                scoring = Scalar(node, "minPassPercent") is { } p && double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100
                    ? new ControlScoring(percent)
                    : throw Error(label, percentNode, field + ".minPassPercent", "must be a number above 0 and at most 100.");
                if (uses.Count == 0)
                {
                    throw Error(label, percentNode, field + ".minPassPercent", "a manual control is not scored.");
                }
            }

            controls.Add(new Control(controlId, Text(label, node, "title", field), uses, scoring, manual));
        }

        return new Framework(id, version, title, label, controls);
    }

    private static List<CheckUse> Uses(string label, YamlNode node, string field, IReadOnlyDictionary<string, IComplianceCheck> checks)
    {
        var list = node as YamlSequenceNode ?? throw Error(label, node, field, "expected a list of checks.");
        var uses = new List<CheckUse>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = $"{field}[{i}]";
            var map = list.Children[i] as YamlMappingNode ?? throw Error(label, list.Children[i], item, "expected a mapping with check (and params).");
            var checkId = Text(label, map, "check", item);
            if (!checks.TryGetValue(checkId, out var check))
            {
                throw Error(label, Child(map, "check")!, item + ".check", $"'{checkId}' is not a check; the checks are {string.Join(", ", checks.Keys.Order(StringComparer.Ordinal))}.");
            }

            var values = check.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
            if (Child(map, "params") is { } paramsNode)
            {
                var parameters = paramsNode as YamlMappingNode ?? throw Error(label, paramsNode, item + ".params", "expected a mapping of parameter names to values.");
                foreach (var (keyNode, valueNode) in parameters.Children)
                {
                    var name = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                    var spec = check.Parameters.FirstOrDefault(p => p.Name == name)
                        ?? throw Error(label, keyNode, $"{item}.params.{name}", $"'{checkId}' has no parameter '{name}'" + (check.Parameters.Count == 0 ? "." : $"; it takes {string.Join(", ", check.Parameters.Select(p => p.Name))}."));
                    var value = (valueNode as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
                    if (spec.Problem(value) is { } problem)
                    {
                        throw Error(label, valueNode, $"{item}.params.{name}", problem);
                    }

                    values[name] = value;
                }
            }

            var use = new CheckUse(checkId, values);
            if (uses.Any(u => u.InstanceKey == use.InstanceKey))
            {
                throw Error(label, map, item, $"'{use.InstanceKey}' is listed twice.");
            }

            uses.Add(use);
        }

        return uses;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { Length: > 0 } value } && value.Trim().Length > 0 ? value.Trim() : null;

    private static string Text(string label, YamlMappingNode map, string key, string field) =>
        Scalar(map, key) ?? throw Error(label, Child(map, key) ?? map, field.Length == 0 ? key : $"{field}.{key}", "is missing.");

    private static FrameworkFileException Error(string label, YamlNode node, string field, string problem) => new(label, (int)node.Start.Line, field, problem);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}

/// <summary>A framework file that cannot be read, naming the file, line and field.</summary>
public sealed class FrameworkFileException(string file, int line, string field, string problem)
    : Exception($"{file}:{line}: {field}: {problem}")
{
    public string File { get; } = file;

    public string Field { get; } = field;

    public int Line { get; } = line;
}
