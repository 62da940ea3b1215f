using System.Net;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Sandbox;

namespace Qlrf.IntegrationTests;

/// <summary>One host with the sample estate and sample golden images, read (never changed) through the drift API.</summary>
public sealed class DriftApiFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public EstateFile Estate { get; } = EstateFileReader.Read(HostDirectory.SampleEstate);

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();
        await Host.WaitForDriftAsync(Estate.Assets.Count);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

public sealed class DriftApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task Every_asset_of_the_sample_estate_is_judged_against_its_production_version_without_false_positives()
    {
        var families = await Host.GetJsonAsync<List<FamilyDto>>("/api/v1/images/families");
        var production = families.ToDictionary(f => f.Name, f => f.Production);
        var counts = new Dictionary<DriftStatus, int>();

        foreach (var asset in fixture.Estate.Assets)
        {
            var drift = await Host.GetJsonAsync<AssetDriftDto>($"/api/v1/drift/assets/{asset.Id}");
            var prod = production[asset.Image!.Family][EnumText<Platform>.Of(asset.Platform)];
            var order = ImageVersionNumber.Parse(asset.Image.Version).CompareTo(ImageVersionNumber.Parse(prod));
            var expected = order == 0 ? DriftStatus.Compliant : order < 0 ? DriftStatus.Outdated : DriftStatus.Ahead;
            Assert.True(expected == drift.Status, $"{asset.Id} runs {asset.Image.Version}, production {prod}: expected {expected}, got {drift.Status}");
            Assert.Equal(prod, drift.ProductionVersion);
            Assert.Equal(expected == DriftStatus.Outdated, drift.VersionsBehind > 0 && drift.DaysBehind > 0);
            counts[expected] = counts.GetValueOrDefault(expected) + 1;
        }

        var report = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");
        Assert.Equal(
            (fixture.Estate.Assets.Count, counts.GetValueOrDefault(DriftStatus.Compliant), counts.GetValueOrDefault(DriftStatus.Outdated), counts.GetValueOrDefault(DriftStatus.Ahead), 0L),
            ((int)report.Organisation.Total, (int)report.Organisation.Compliant, (int)report.Organisation.Outdated, (int)report.Organisation.Ahead, report.Organisation.Unknown));
        Assert.All(new[] { DriftStatus.Compliant, DriftStatus.Outdated, DriftStatus.Ahead }, s => Assert.True(counts.GetValueOrDefault(s) > 0, $"no {s} asset in the sample"));
    }

    [Fact]
    public async Task The_summaries_add_up_in_every_dimension()
    {
        var report = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");

        foreach (var groups in new[] { report.Environments, report.Platforms, report.Sites, report.SiteEnvironments, report.Families })
        {
            Assert.Equal(report.Organisation.Total, groups.Sum(g => g.Total));
            Assert.Equal(report.Organisation.Compliant, groups.Sum(g => g.Compliant));
            Assert.Equal(report.Organisation.Outdated, groups.Sum(g => g.Outdated));
        }

        Assert.Equal(["distroless-java21", "rhel-9-base", "ubuntu-2204-base", "windows-2022-base"], report.Families.Select(f => f.Family));
        Assert.Equal(Math.Round(100.0 * report.Organisation.Compliant / report.Organisation.Total, 1), report.Organisation.CoveragePercent);
        Assert.Equal(RagThresholds.Default, report.Thresholds);
        Assert.True(report.Organisation.MaxDaysBehind >= report.Organisation.AvgDaysBehind);
    }

    [Fact]
    public async Task The_heatmap_is_a_site_by_environment_matrix_with_red_amber_and_green_cells()
    {
        var heatmap = await Host.GetJsonAsync<HeatmapDto>("/api/v1/drift/heatmap");

        Assert.Equal(["dev", "prod", "staging"], heatmap.Environments);
        Assert.Equal(fixture.Estate.Sites.Select(s => s.Name).Order(StringComparer.Ordinal), heatmap.Rows.Select(r => r.Site));
        var cells = heatmap.Rows.SelectMany(r => r.Cells).OfType<CellDto>().ToList();
        Assert.Equal(fixture.Estate.Assets.Count, cells.Sum(c => c.Total));
        Assert.Equal([RagStatus.Red, RagStatus.Amber, RagStatus.Green], cells.Select(c => c.Rag!.Value).Distinct().Order());
        Assert.All(cells, c => Assert.Equal(RagThresholds.Default.Classify(100.0 * c.Compliant / c.Total), c.Rag));
    }

    [Fact]
    public async Task Outdated_assets_come_longest_behind_first_and_page_through_all_of_them()
    {
        var report = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");

        var outdated = await Host.AllOutdatedAsync();

        Assert.Equal(report.Organisation.Outdated, outdated.Count);
        Assert.Equal(outdated.Count, outdated.Select(o => o.AssetId).Distinct().Count());
        Assert.All(outdated, o => Assert.Equal(DriftStatus.Outdated, o.Status));
        Assert.Equal(outdated.OrderByDescending(o => o.DaysBehind).Select(o => o.DaysBehind), outdated.Select(o => o.DaysBehind));
        Assert.Equal(report.Organisation.MaxDaysBehind, outdated[0].DaysBehind);
    }

    [Fact]
    public async Task Outdated_assets_filter_by_environment_site_platform_and_family()
    {
        var all = await Host.AllOutdatedAsync();

        var filtered = await Host.AllOutdatedAsync("&environment=prod&site=dc-london&platform=vsphere&family=ubuntu-2204-base");

        Assert.NotEmpty(filtered);
        Assert.Equal(
            all.Where(o => o is { Environment: "prod", Site: "dc-london", Platform: Platform.Vsphere, Family: "ubuntu-2204-base" }).Select(o => o.AssetId).Order(),
            filtered.Select(o => o.AssetId).Order());
    }

    [Theory]
    [InlineData("family=debian-12", "family")]
    [InlineData("site=nowhere", "site")]
    [InlineData("environment=qa", "environment")]
    [InlineData("platform=openstack", "platform")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    public async Task Bad_outdated_filters_get_a_400_naming_the_parameter(string query, string parameter)
    {
        var (status, problem, body) = await Host.SendAsync(HttpMethod.Get, "/api/v1/drift/outdated?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!.Errors!.ContainsKey(parameter), body);
    }

    [Fact]
    public async Task Outdated_assets_export_as_csv()
    {
        var outdated = await Host.AllOutdatedAsync("&family=rhel-9-base");
        using var client = Host.CreateClient();

        using var response = await client.GetAsync("/api/v1/drift/outdated/export?family=rhel-9-base");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("outdated-assets-acme-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("asset_id,name,platform,site,environment,family,version,production_version,versions_behind,days_behind,outdated_since", lines[0]);
        Assert.Equal(outdated.Select(o => o.AssetId), lines.Skip(1).Select(l => l.Split(',')[0]));
        var first = lines[1].Split(',');
        Assert.Equal((outdated[0].ProductionVersion, outdated[0].DaysBehind.ToString(System.Globalization.CultureInfo.InvariantCulture)), (first[7], first[9]));
    }

    [Fact]
    public async Task An_asset_not_in_the_inventory_has_no_drift()
    {
        var (status, _, _) = await Host.SendAsync(HttpMethod.Get, "/api/v1/drift/assets/no-such-asset");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task The_host_logged_no_warnings_or_errors()
    {
        await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");

        Assert.Empty(Host.Logs.WarningsAndErrors);
    }
}
