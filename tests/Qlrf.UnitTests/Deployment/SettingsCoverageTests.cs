namespace Qlrf.UnitTests.Deployment;

/// <summary>The compiled infra sets every setting the apps read at start-up, or README documents its default.</summary>
public sealed class SettingsCoverageTests
{
    private static readonly Dictionary<string, string> AppProjects = new(StringComparer.Ordinal)
    {
        ["discovery"] = "Functions.Discovery",
        ["orchestration"] = "Functions.Orchestration",
        ["api"] = "Functions.Api",
    };

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Repository.PathOf("host.json"))
            .Select(f => (Path.GetRelativePath(Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f)));

    /// <summary>The app settings infra/ sets on any of the apps (sign-in with tokens and OpenAI on).</summary>
    private static HashSet<string> Infra() =>
        InfraTemplate.AllOptions.Apps().Values.SelectMany(a => a.Settings.Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);

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
        Assert.Contains("AssetChangesQueue__queueServiceUri", flat);
        Assert.Contains("Qlrf:Tables", sections);
    }

    [Theory]
    [InlineData("discovery")]
    [InlineData("orchestration")]
    [InlineData("api")]
    public void Each_app_has_the_settings_its_own_triggers_and_host_json_bind(string service)
    {
        var bound = SettingsCoverage.FlatSettings(Sources().Where(s =>
            s.Path.StartsWith($"src/{AppProjects[service]}/", StringComparison.Ordinal) || s.Path == "host.json"));
        var settings = InfraTemplate.Defaults.Apps()[service].Settings;

        Assert.Empty(bound.Except(settings.Select(s => s.Key)));
        Assert.Contains("TASKHUB_NAME", bound);
    }

    [Fact]
    public void The_asset_change_queue_trigger_binds_the_identity_based_connection_infra_sets_on_discovery()
    {
        var discovery = SettingsCoverage.FlatSettings(Sources().Where(s => s.Path.StartsWith("src/Functions.Discovery/", StringComparison.Ordinal)));

        Assert.Contains("QLRF_ASSET_CHANGES_QUEUE", discovery);
        Assert.Contains("AssetChangesQueue__queueServiceUri", discovery);
    }

    [Fact]
    public void A_setting_bound_nowhere_in_infra_nor_documented_is_reported()
    {
        var sources = new[]
        {
            ("src/Functions.Discovery/TimerTriggers.cs", """[TimerTrigger("%QLRF_NEW_SCHEDULE%")] TimerInfo timer"""),
            ("src/Functions.Discovery/BlobTriggers.cs", """[BlobTrigger("images/{name}", Connection = "ImagesBlob")] Stream blob"""),
            ("src/Widgets/WidgetOptions.cs", """public const string Section = "Qlrf:Widgets";"""),
            ("src/Gadgets/Gadgets.cs", """services.AddOptions<GadgetOptions>().BindConfiguration("Qlrf:Gadgets");"""),
        };

        var problems = SettingsCoverage.Problems(
            SettingsCoverage.FlatSettings(sources), SettingsCoverage.Sections(sources), Infra(), "| `Qlrf:Gadgets:Size` | `3` |");

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("App setting QLRF_NEW_SCHEDULE is bound by the code but infra/ does not set it", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("App setting ImagesBlob__blobServiceUri is bound", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Options section Qlrf:Widgets is bound", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trigger_connection_names_the_identity_setting_of_its_service()
    {
        var sources = new[]
        {
            ("src/Functions.X/Q.cs", """[QueueTrigger("%Q%", Connection = "AssetChangesQueue")] string message"""),
            ("src/Functions.X/B.cs", """[ServiceBusTrigger("%Q%", Connection = "Bus", IsBatched = true)] Message[] m"""),
            ("src/Functions.X/C.cs", """public const string Connection = "NotATrigger";"""),
        };

        var settings = SettingsCoverage.FlatSettings(sources);

        Assert.Equal(["AssetChangesQueue__queueServiceUri", "Bus__fullyQualifiedNamespace", "Q"], settings);
    }
}
