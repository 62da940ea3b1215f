using System.Text.RegularExpressions;

namespace Qlrf.UnitTests.Deployment;

/// <summary>
/// The settings the code binds, read from its source as text: app settings named in <c>%...%</c> binding expressions
/// (the Functions apps' triggers, host.json), trigger connections (<c>[QueueTrigger(..., Connection = "X")]</c>, an identity-based
/// connection whose service URI is the setting <c>X__queueServiceUri</c>) and <c>const string ...Setting = "FLAT_NAME"</c>;
/// and options sections (<c>Section = "..."</c>, <c>BindConfiguration("...")</c>). Each must be set by infra/ (app
/// settings) or, for sections, have its defaults documented in README.
/// </summary>
public static partial class SettingsCoverage
{
    public static IReadOnlySet<string> FlatSettings(IEnumerable<(string Path, string Text)> sources)
    {
        var settings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, source) in sources)
        {
            var text = WithoutComments(source);
            if (IsAppCode(path) || path.EndsWith("host.json", StringComparison.Ordinal))
            {
                settings.UnionWith(Percent().Matches(text).Select(m => m.Groups[1].Value));
                settings.UnionWith(Connection().Matches(text).Select(m => ConnectionSetting(m.Groups[1].Value, m.Groups[2].Value)));
            }

            settings.UnionWith(SettingConstant().Matches(text).Select(m => m.Groups[1].Value));
        }

        return settings;
    }

    /// <summary>Code of the Functions apps (src/Functions.*), where triggers bind app settings.</summary>
    public static bool IsAppCode(string path) => path.StartsWith("src/Functions.", StringComparison.Ordinal);

    public static IReadOnlySet<string> Sections(IEnumerable<(string Path, string Text)> sources)
    {
        var sections = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, source) in sources)
        {
            var text = WithoutComments(source);
            sections.UnionWith(SectionConstant().Matches(text).Select(m => m.Groups[1].Value));
            sections.UnionWith(BindConfiguration().Matches(text).Select(m => m.Groups[1].Value));
        }

        return sections;
    }

    /// <summary>
    /// The setting an identity-based trigger connection cannot do without: its service's URI or namespace (the
    /// credential and client id beside it are checked per app by <see cref="ManagedIdentityTests"/>).
    /// </summary>
    public static string ConnectionSetting(string trigger, string connection) => trigger switch
    {
        "Queue" => connection + "__queueServiceUri",
        "Blob" => connection + "__blobServiceUri",
        "ServiceBus" or "EventHub" => connection + "__fullyQualifiedNamespace",
        _ => throw new NotSupportedException($"The identity-based settings of a {trigger}Trigger connection ({connection})."),
    };

    public static IReadOnlyList<string> Problems(IReadOnlySet<string> flat, IReadOnlySet<string> sections, IReadOnlySet<string> infra, string readme)
    {
        ArgumentNullException.ThrowIfNull(readme);
        var problems = new List<string>();
        problems.AddRange(flat.Where(s => !infra.Contains(s)).Select(s => $"App setting {s} is bound by the code but infra/ does not set it."));
        foreach (var section in sections)
        {
            var appSetting = section.Replace(":", "__", StringComparison.Ordinal) + "__";
            if (!infra.Any(k => k.StartsWith(appSetting, StringComparison.Ordinal)) && !readme.Contains("`" + section, StringComparison.Ordinal))
            {
                problems.Add($"Options section {section} is bound by the code but neither set by infra/ ({appSetting}...) nor documented with its defaults in README.");
            }
        }

        return problems;
    }

    /// <summary>The code without its line comments (doc comments quote attributes as examples).</summary>
    private static string WithoutComments(string text) => LineComment().Replace(text, string.Empty);

    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"%([A-Za-z0-9_]+)%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"\[(\w+)Trigger\([^\]]*?\bConnection\s*=\s*""([A-Za-z0-9_]+)""")]
    private static partial Regex Connection();

    [GeneratedRegex(@"const string \w*Setting\s*=\s*""([A-Z][A-Z0-9_]+)""")]
    private static partial Regex SettingConstant();

    [GeneratedRegex(@"const string Section\s*=\s*""([^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"BindConfiguration\(""([^""]+)""\)")]
    private static partial Regex BindConfiguration();
}
