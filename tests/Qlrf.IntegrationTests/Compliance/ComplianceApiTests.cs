using System.Net;
using Qlrf.Api.Compliance;
using Qlrf.Compliance;
using Qlrf.Compliance.Engine;
using Qlrf.Images;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Compliance;

/// <summary>One host with the sample estate, images and DR pairs, read (never changed) through the compliance API.</summary>
public sealed class ComplianceApiFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();
        await Host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

/// <summary>The compliance API's figures recomputed from the API's own data: drift for assets, the registry for images.</summary>
public sealed class ComplianceApiTests(ComplianceApiFixture fixture) : IClassFixture<ComplianceApiFixture>
{
    private QlrfHost Host => fixture.Host;

    private static FrameworkSummary Framework(ComplianceSummary summary, string id) => summary.Frameworks.Single(f => f.Id == id);

    [Fact]
    public async Task The_shipped_frameworks_are_listed_with_their_controls_checks_and_manual_evidence()
    {
        var frameworks = await Host.GetJsonAsync<List<FrameworkResource>>("/api/v1/compliance/frameworks");

        Assert.Equal(["cis-v8", "iso27001-2022", "soc2"], frameworks.Select(f => f.Id));
        var cis = frameworks[0];
        Assert.Equal(cis.Controls, cis.ControlDefinitions.Count);
        var inventory = cis.ControlDefinitions.Single(c => c.Id == "1.1");
        Assert.Equal(("discovery-current", "24"), (inventory.Checks.Single().Check, inventory.Checks.Single().Parameters["maxAgeHours"]));
        Assert.Contains(cis.ControlDefinitions, c => c.Manual && c.Checks.Count == 0 && c.ManualEvidence is { Length: > 0 });
    }

    [Fact]
    public async Task The_golden_image_controls_match_drift_for_the_organisation_and_for_one_environment()
    {
        var drift = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");
        var summary = await Host.GetJsonAsync<ComplianceSummary>("/api/v1/compliance/summary");
        var prod = await Host.GetJsonAsync<ComplianceSummary>("/api/v1/compliance/summary?environment=prod");

        var golden = Framework(summary, "cis-v8").Controls.Single(c => c.Id == "4.1");
        var org = drift.Organisation;
        Assert.Equal((ControlOutcome.Failing, (int)org.Compliant, (int)(org.Outdated + org.Ahead)), (golden.Outcome, golden.Passed, golden.Failed));
        var prodDrift = drift.Environments.Single(e => e.Environment == "prod");
        var prodGolden = Framework(prod, "cis-v8").Controls.Single(c => c.Id == "4.1");
        Assert.Equal(((int)prodDrift.Compliant, (int)(prodDrift.Outdated + prodDrift.Ahead)), (prodGolden.Passed, prodGolden.Failed));
        Assert.Equal(golden.Passed, Framework(summary, "iso27001-2022").Controls.Single(c => c.Id == "A.8.9").Passed);
    }

    [Fact]
    public async Task A_controls_failing_objects_are_every_outdated_asset_drift_lists_paged_with_reasons()
    {
        var outdated = await Host.AllOutdatedAsync();
        var failures = new List<ControlFailure>();
        string? cursor = null;
        do
        {
            var page = await Host.GetJsonAsync<ControlDetail>($"/api/v1/compliance/frameworks/cis-v8/controls/4.1?limit=25{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.True(page.Failures.Count <= 25);
            failures.AddRange(page.Failures);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var detail = await Host.GetJsonAsync<ControlDetail>("/api/v1/compliance/frameworks/cis-v8/controls/4.1?limit=500");
        Assert.Equal(detail.Failed, failures.Count);
        Assert.Equal(failures.Count, failures.Select(f => f.ObjectId).Distinct().Count());
        var failing = failures.Select(f => f.ObjectId).ToHashSet();
        var missing = outdated.Where(o => !failing.Contains(o.AssetId)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} outdated assets missing of {failing.Count}: " + string.Join("; ", missing.Take(5)) + " | failing: " + string.Join(", ", failing.Order().Take(30)));
        var first = outdated[0];
        var reason = failures.Single(f => f.ObjectId == first.AssetId);
        Assert.Equal(("asset", "asset-golden-image", first.Environment, first.Site), (reason.ObjectKind, reason.CheckId, reason.Environment, reason.Site));
        Assert.Contains($"production is {first.ProductionVersion}", reason.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sbom_control_matches_the_registrys_production_images_and_their_sboms()
    {
        var families = await Host.GetJsonAsync<List<FamilyDto>>("/api/v1/images/families");
        int with = 0, without = 0;
        foreach (var family in families)
        {
            var versions = await Host.GetJsonAsync<Qlrf.Api.Images.FamilyDetail>($"/api/v1/images/families/{family.Name}");
            foreach (var version in versions.Versions.Where(v => v.Releases.Any(r => r.Status == LifecycleStatus.Production)))
            {
                var (status, _, _) = await Host.SendAsync(HttpMethod.Get, $"/api/v1/images/{version.Id}/sbom");
                if (status == HttpStatusCode.OK)
                {
                    with++;
                }
                else
                {
                    without++;
                }
            }
        }

        var control = Framework(await Host.GetJsonAsync<ComplianceSummary>("/api/v1/compliance/summary"), "cis-v8").Controls.Single(c => c.Id == "2.1");
        Assert.Equal((with, without), (control.Passed, control.Failed));
        Assert.True(with > 0 && without > 0, $"{with} production images with an SBOM, {without} without");
    }

    [Fact]
    public async Task Each_frameworks_counts_and_score_add_up_from_its_controls_and_manual_controls_never_pass()
    {
        var summary = await Host.GetJsonAsync<ComplianceSummary>("/api/v1/compliance/summary");
        var frameworks = await Host.GetJsonAsync<List<FrameworkResource>>("/api/v1/compliance/frameworks");

        foreach (var framework in summary.Frameworks)
        {
            var passing = framework.Controls.Count(c => c.Outcome == ControlOutcome.Passing);
            var failing = framework.Controls.Count(c => c.Outcome == ControlOutcome.Failing);
            Assert.Equal((passing, failing, framework.Controls.Count - passing - failing), (framework.Passing, framework.Failing, framework.Manual));
            Assert.Equal(Math.Round(100.0 * passing / (passing + failing), 1), framework.Score);
            var manual = frameworks.Single(f => f.Id == framework.Id).ControlDefinitions.Where(c => c.Manual).Select(c => c.Id).ToHashSet();
            Assert.All(framework.Controls.Where(c => manual.Contains(c.Id)), c => Assert.Equal(ControlOutcome.Manual, c.Outcome));
        }
    }

    [Fact]
    public async Task A_viewer_reads_compliance_and_an_anonymous_caller_cannot()
    {
        using var viewer = await Host.CreateClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/compliance/summary")).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.FetchAsync("/api/v1/compliance/frameworks/soc2/controls/CC8.1")).Status);
        using var anonymous = Host.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.FetchAsync("/api/v1/compliance/summary")).Status);
    }

    [Fact]
    public async Task Unknown_frameworks_and_controls_are_not_found_and_a_trend_needs_its_framework()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Host.SendAsync(HttpMethod.Get, "/api/v1/compliance/frameworks/pci-dss/controls/1.1")).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.SendAsync(HttpMethod.Get, "/api/v1/compliance/frameworks/soc2/controls/CC99")).Item1);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.SendAsync(HttpMethod.Get, "/api/v1/compliance/trends")).Item1);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.SendAsync(HttpMethod.Get, "/api/v1/compliance/trends?framework=soc2&days=0")).Item1);
    }

    [Fact]
    public async Task The_daily_snapshot_shows_in_the_trend_as_todays_point()
    {
        await Host.Service<ComplianceSnapshots>().TakeAsync(Host.DefaultOrganisation(), default);

        var trend = await Host.GetJsonAsync<ComplianceTrend>("/api/v1/compliance/trends?framework=iso27001-2022&days=7");
        var summary = Framework(await Host.GetJsonAsync<ComplianceSummary>("/api/v1/compliance/summary"), "iso27001-2022");

        var point = Assert.Single(trend.Points);
        Assert.Equal((trend.To, summary.Passing, summary.Failing, summary.Manual, summary.Score), (point.Day, point.Passing, point.Failing, point.Manual, point.Score));
        Assert.Equal(trend.To.AddDays(-6), trend.From);
    }
}
