using System.Globalization;
using Qlrf.Rollouts.Policies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qlrf.Workflows.Rollouts;

/// <summary>
/// Reads a versioned safety-policy file (YAML). Every rule has an <c>id</c> and a <c>kind</c>; a problem is
/// reported with the file, line and field, and a file with any problem yields no policies at all.
/// </summary>
public static class PolicyFileReader
{
    public static PolicySet Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static PolicySet Parse(TextReader text, string label)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException ex)
        {
            throw new PolicyFileException(label, (int)ex.Start.Line, "(syntax)", ex.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PolicyFileException(label, 1, "(root)", "the file must be a mapping with version and rules.");
        }

        var file = new Fields(label);
        var version = file.Int(root, "version", "version");
        var rules = new List<PolicyRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = Fields.Child(root, "rules") as YamlSequenceNode ?? throw file.Error(root, "rules", "expected a list of rules.");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"rules[{i}]";
            var rule = list.Children[i] as YamlMappingNode ?? throw file.Error(list.Children[i], field, "expected a mapping.");
            var id = file.Text(rule, "id", field + ".id");
            if (!ids.Add(id))
            {
                throw file.Error(rule, field + ".id", $"'{id}' is used twice.");
            }

            rules.Add(file.Text(rule, "kind", field + ".kind") switch
            {
                "require_canary" => new RequireCanaryRule(id, file.List(rule, "environments", field)),
                "max_batch_percent" => new MaxBatchPercentRule(id, file.List(rule, "environments", field), file.Percent(rule, "maxPercent", field + ".maxPercent")),
                "dr_pair_separation" => new DrPairSeparationRule(id),
                "block_critical_cves" => new BlockCriticalCvesRule(id),
                "maintenance_window" => new MaintenanceWindowRule(id, file.List(rule, "environments", field), Windows(file, rule, field)),
                "freeze_window" => new FreezeWindowRule(
                    id,
                    file.Time(rule, "from", field + ".from"),
                    file.Time(rule, "to", field + ".to"),
                    file.List(rule, "environments", field),
                    Fields.Optional(rule, "reason") ?? "change freeze"),
                var kind => throw file.Error(Fields.Child(rule, "kind")!, field + ".kind",
                    $"'{kind}' is not a rule kind (require_canary, max_batch_percent, dr_pair_separation, block_critical_cves, maintenance_window, freeze_window)."),
            });
        }

        return new PolicySet(version, rules) { Approval = Approval(file, root) };
    }

    /// <summary>The optional <c>approval</c> section: <c>timeout</c> (<c>90m</c>, <c>24h</c>, <c>2d</c>) and <c>highRiskApprovers</c>.</summary>
    private static ApprovalPolicy Approval(Fields file, YamlMappingNode root)
    {
        if (Fields.Child(root, "approval") is not { } node)
        {
            return new ApprovalPolicy();
        }

        var approval = node as YamlMappingNode ?? throw file.Error(node, "approval", "expected a mapping with timeout and highRiskApprovers.");
        var timeout = Fields.Optional(approval, "timeout") is null ? (TimeSpan?)null : file.Duration(approval, "timeout", "approval.timeout");
        var approvers = Fields.Optional(approval, "highRiskApprovers") is null ? (int?)null : file.Int(approval, "highRiskApprovers", "approval.highRiskApprovers");
        if (approvers > 10)
        {
            throw file.Error(Fields.Child(approval, "highRiskApprovers")!, "approval.highRiskApprovers", "must be between 1 and 10.");
        }

        return new ApprovalPolicy(timeout, approvers);
    }

    private static List<WeeklyWindow> Windows(Fields file, YamlMappingNode rule, string field)
    {
        var windows = Fields.Child(rule, "windows") as YamlSequenceNode ?? throw file.Error(rule, field + ".windows", "expected a list of windows.");
        return windows.Children.Select((node, i) =>
        {
            var f = $"{field}.windows[{i}]";
            var window = node as YamlMappingNode ?? throw file.Error(node, f, "expected a mapping.");
            var days = file.List(window, "days", f).Select(d => Enum.TryParse<DayOfWeek>(Expand(d), ignoreCase: true, out var day)
                ? day
                : throw file.Error(window, f + ".days", $"'{d}' is not a day.")).ToList();
            return new WeeklyWindow(days, file.Clock(window, "start", f + ".start"), file.Clock(window, "end", f + ".end"));
        }).ToList();
    }

    private static string Expand(string day) => day.ToLowerInvariant() switch
    {
        "mon" => "Monday",
        "tue" => "Tuesday",
        "wed" => "Wednesday",
        "thu" => "Thursday",
        "fri" => "Friday",
        "sat" => "Saturday",
        "sun" => "Sunday",
        _ => day,
    };

    private sealed class Fields(string label)
    {
        public PolicyFileException Error(YamlNode node, string field, string problem) => new(label, (int)node.Start.Line, field, problem);

        public static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public static string? Optional(YamlMappingNode map, string key) =>
            Child(map, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v.Trim() : null;

        public string Text(YamlMappingNode map, string key, string field) =>
            Optional(map, key) ?? throw Error(Child(map, key) ?? map, field, "is missing.");

        public int Int(YamlMappingNode map, string key, string field) =>
            int.TryParse(Text(map, key, field), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw Error(Child(map, key)!, field, "must be a positive whole number.");

        public double Percent(YamlMappingNode map, string key, string field) =>
            double.TryParse(Text(map, key, field), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 100
                ? v
                : throw Error(Child(map, key)!, field, "must be a percentage above 0 and at most 100.");

        public DateTimeOffset Time(YamlMappingNode map, string key, string field) =>
            DateTimeOffset.TryParse(Text(map, key, field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)
                ? v
                : throw Error(Child(map, key)!, field, "must be a date and time (2026-12-20T00:00:00Z).");

        /// <summary>A duration of minutes, hours or days: <c>90m</c>, <c>24h</c>, <c>2d</c>; from 1 minute to 30 days.</summary>
        public TimeSpan Duration(YamlMappingNode map, string key, string field)
        {
            var text = Text(map, key, field);
            var n = 0;
            var ok = text.Length > 1 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out n);
            TimeSpan? value = !ok ? null : text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            return value is { } v && v >= TimeSpan.FromMinutes(1) && v <= TimeSpan.FromDays(30)
                ? v
                : throw Error(Child(map, key)!, field, "must be a duration from 1m to 30d, written like 90m, 24h or 2d.");
        }

        public TimeOnly Clock(YamlMappingNode map, string key, string field) =>
            TimeOnly.TryParseExact(Text(map, key, field), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)
                ? v
                : throw Error(Child(map, key)!, field, "must be a time of day, HH:mm.");

        public List<string> List(YamlMappingNode map, string key, string field) => Child(map, key) switch
        {
            null => [],
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode { Value: { Length: > 0 } v } ? v.Trim() : throw Error(c, $"{field}.{key}", "expected text.")).ToList(),
            var other => throw Error(other, $"{field}.{key}", "expected a list."),
        };
    }
}

/// <summary>A policy file that cannot be read, naming the file, line and field.</summary>
public sealed class PolicyFileException(string file, int line, string field, string problem)
    : Exception($"{file}:{line}: {field}: {problem}")
{
    public string Field { get; } = field;

    public int Line { get; } = line;
}
