using System.Text.RegularExpressions;

namespace Qlrf.UnitTests.Deployment;

/// <summary>
/// The settings the code binds, read from its source as text: app settings named in <c>%...%</c> binding expressions
/// (Azure glue, host.json), trigger connections (<c>Connection = "X"</c>, whose identity settings are <c>X__...</c>) and
/// <c>const string ...Setting = "FLAT_NAME"</c>; and options sections (<c>Section = "..."</c>,
/// <c>BindConfiguration("...")</c>). Each must be set by infra/ (app settings) or, for sections, have its defaults
/// documented in README.
/// </summary>
public static partial class SettingsCoverage
{
    public static IReadOnlySet<string> FlatSettings(IEnumerable<(string Path, string Text)> sources)
    {
        var settings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, source) in sources)
        {
            var text = WithoutComments(source);
            if (path.Contains("Azure", StringComparison.Ordinal) || path.EndsWith("host.json", StringComparison.Ordinal))
            {
                settings.UnionWith(Percent().Matches(text).Select(m => m.Groups[1].Value));
                settings.UnionWith(Connection().Matches(text).Select(m => m.Groups[1].Value + "__fullyQualifiedNamespace"));
            }

            settings.UnionWith(SettingConstant().Matches(text).Select(m => m.Groups[1].Value));
        }

        return settings;
    }

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

    /// <summary>App-setting names infra/ sets: object keys with <c>__</c> or in SCREAMING_CASE.</summary>
    public static IReadOnlySet<string> InfraAppSettings(IEnumerable<string> bicepFiles) =>
        bicepFiles.SelectMany(text => BicepKey().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

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

    [GeneratedRegex(@"Connection\s*=\s*""([A-Za-z0-9_]+)""")]
    private static partial Regex Connection();

    [GeneratedRegex(@"const string \w*Setting\s*=\s*""([A-Z][A-Z0-9_]+)""")]
    private static partial Regex SettingConstant();

    [GeneratedRegex(@"const string Section\s*=\s*""([^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"BindConfiguration\(""([^""]+)""\)")]
    private static partial Regex BindConfiguration();

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\s*:", RegexOptions.Multiline)]
    private static partial Regex BicepKey();
}
