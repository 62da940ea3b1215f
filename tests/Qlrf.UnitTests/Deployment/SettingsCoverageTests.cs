namespace Qlrf.UnitTests.Deployment;

/// <summary>infra/ declares every setting the apps read at start-up, or README documents its default.</summary>
public sealed class SettingsCoverageTests
{
    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Repository.PathOf("host.json"))
            .Select(f => (Path.GetRelativePath(Repository.Root, f), File.ReadAllText(f)));

    private static IReadOnlySet<string> Infra() =>
        SettingsCoverage.InfraAppSettings(Directory.EnumerateFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories).Select(File.ReadAllText));

    [Fact]
    public void Every_setting_the_code_binds_is_set_by_infra_or_documented_with_its_default()
    {
        var sources = Sources().ToList();
        var flat = SettingsCoverage.FlatSettings(sources);
        var sections = SettingsCoverage.Sections(sources);

        var problems = SettingsCoverage.Problems(flat, sections, Infra(), Repository.Read("README.md"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains("TASKHUB_NAME", flat);
        Assert.Contains("QLRF_SWEEP_SCHEDULE", flat);
        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", flat);
        Assert.Contains("Qlrf:Tables", sections);
    }

    [Fact]
    public void A_setting_bound_nowhere_in_infra_nor_documented_is_reported()
    {
        var sources = new[]
        {
            ("src/Functions.Discovery/Azure/TimerTriggers.cs", """[TimerTrigger("%QLRF_NEW_SCHEDULE%")] TimerInfo timer"""),
            ("src/Widgets/WidgetOptions.cs", """public const string Section = "Qlrf:Widgets";"""),
            ("src/Gadgets/Gadgets.cs", """services.AddOptions<GadgetOptions>().BindConfiguration("Qlrf:Gadgets");"""),
        };

        var problems = SettingsCoverage.Problems(
            SettingsCoverage.FlatSettings(sources), SettingsCoverage.Sections(sources), Infra(), "| `Qlrf:Gadgets:Size` | `3` |");

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("App setting QLRF_NEW_SCHEDULE is bound by the code but infra/ does not set it", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Options section Qlrf:Widgets is bound", StringComparison.Ordinal));
    }
}
