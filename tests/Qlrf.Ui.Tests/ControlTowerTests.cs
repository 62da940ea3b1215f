using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qlrf.Ui.Tests;

/// <summary>The Control Tower in a real browser against the real local host, as an operator uses it.</summary>
[Collection(UiCollection.Name)]
public sealed partial class ControlTowerTests(ControlTowerFixture fixture)
{
    private const string Family = "ubuntu-2204-base";
    private const string Version = "2026.10.1";

    [Fact]
    public async Task Signing_in_with_the_bootstrap_key_shows_the_coverage_the_drift_summary_gives()
    {
        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        var organisation = (await fixture.GetAsync("/api/v1/drift"))["organisation"]!;
        var expected = organisation["coveragePercent"]!.GetValue<double>().ToString("0.0", CultureInfo.InvariantCulture) + " %";

        var coverage = page.GetByTestId("coverage");
        await ControlTowerFixture.WaitAsync(async () => await coverage.TextContentAsync() != "—", "the overview's coverage");
        Assert.Equal(expected, await coverage.TextContentAsync());
        Assert.StartsWith(
            $"{organisation["compliant"]} of {organisation["total"]} assets compliant, {organisation["outdated"]} outdated",
            await page.GetByTestId("coverage-counts").TextContentAsync(), StringComparison.Ordinal);
        var heatmap = await fixture.GetAsync("/api/v1/drift/heatmap");
        var cells = heatmap["rows"]!.AsArray().Sum(r => r!["cells"]!.AsArray().Count(c => c is not null));
        Assert.Equal(cells, await page.GetByTestId("heatmap").GetByRole(AriaRole.Button).CountAsync());

        await Browser.ScreenshotAsync(page, "overview");
        await Browser.AssertAccessibleAsync(page, "the overview");
    }

    [Fact]
    public async Task Clicking_a_heatmap_cell_lists_exactly_its_assets()
    {
        const string site = "aws-us-east-1", environment = "prod";
        var expected = new List<string>();
        string? cursor = null;
        do
        {
            var pageOfAssets = await fixture.GetAsync($"/api/v1/assets?site={site}&environment={environment}&limit=500{(cursor is null ? "" : "&cursor=" + cursor)}");
            expected.AddRange(pageOfAssets["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
            cursor = pageOfAssets["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.InRange(expected.Count, 2, 100);

        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Drift", Exact = true }).ClickAsync();
        await page.Locator($"[data-testid=heatmap] button[data-site='{site}'][data-environment='{environment}']").ClickAsync();
        var rows = page.GetByTestId("cell-assets").GetByTestId("asset-row");
        await ControlTowerFixture.WaitAsync(async () => await rows.CountAsync() == expected.Count, $"the {expected.Count} assets of {site} × {environment}");
        var shown = new List<string>();
        foreach (var row in await rows.AllAsync())
        {
            shown.Add((await row.GetAttributeAsync("data-id"))!);
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.Equal($"/drift?site={site}&environment={environment}", new Uri(page.Url).PathAndQuery);
        await Browser.ScreenshotAsync(page, "drift-cell");
        await Browser.AssertAccessibleAsync(page, "the drift page with a cell's assets");
    }

    [Fact]
    public async Task A_rollout_started_in_the_UI_and_approved_by_a_second_user_completes_with_every_assets_result()
    {
        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rollouts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a rollout" }).ClickAsync();
        await Browser.ChooseAsync(page, "Image family", Family);
        await Browser.ChooseAsync(page, "Version", Version);
        await Browser.ChooseAsync(page, "Environments", "staging");
        await Browser.ChooseAsync(page, "Sites", "aws-us-east-1");
        await page.GetByLabel("Wait between waves").FillAsync("00:00:01");
        var rolloutsBefore = await CountRolloutsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show plan and risk" }).ClickAsync();

        // The plan and risk are shown before anything is started, and they are the dry run's.
        await page.GetByTestId("plan-view").WaitForAsync();
        var stages = await page.GetByTestId("plan-stage").CountAsync();
        Assert.True(stages >= 2, $"{stages} stages shown");
        Assert.Matches(RiskText(), await page.GetByTestId("risk-level").TextContentAsync());
        Assert.Equal(rolloutsBefore, await CountRolloutsAsync());

        await Browser.AssertAccessibleAsync(page, "the new rollout page with its plan");
        await Browser.ScreenshotAsync(page, "rollout-plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and start the rollout" }).ClickAsync();
        await page.WaitForURLAsync(RolloutPath());
        var id = Uri.UnescapeDataString(RolloutPath().Match(page.Url).Groups[1].Value);
        var status = page.GetByTestId("rollout-status");
        await ControlTowerFixture.WaitAsync(async () => await status.GetAttributeAsync("data-status") == "awaiting_approval", "the rollout to wait for approval");

        // The requester is not offered the decision; a second user approves in their own browser.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = $"Approve rollout {Family}@{Version}" }).CountAsync());
        var approver = await Browser.SignInAsync(fixture, fixture.Engineer);
        await approver.GotoAsync("/rollouts/" + Uri.EscapeDataString(id));
        await approver.GetByRole(AriaRole.Button, new() { Name = $"Approve rollout {Family}@{Version}" }).ClickAsync();
        await approver.GetByLabel("Comment").FillAsync("CAB-4711 approved in the Control Tower");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        var results = page.GetByTestId("asset-result");
        await ControlTowerFixture.WaitAsync(async () => await page.Locator("[data-testid=asset-result][data-status=succeeded]").CountAsync() > 0, "the first asset's result");
        await Browser.ScreenshotAsync(page, "rollout");
        await ControlTowerFixture.WaitAsync(async () => await status.GetAttributeAsync("data-status") == "completed", "the rollout to complete", 180);

        var detail = await fixture.GetAsync("/api/v1/rollouts/" + Uri.EscapeDataString(id));
        var assets = detail["assets"]!.AsArray();
        Assert.Equal("completed", detail["rollout"]!["status"]!.GetValue<string>());
        Assert.Contains(detail["approvals"]![0]!["decisions"]!.AsArray(), d => d!["comment"]!.GetValue<string>() == "CAB-4711 approved in the Control Tower");
        Assert.Equal(assets.Count, await results.CountAsync());
        Assert.Equal(assets.Count, await page.Locator("[data-testid=asset-result][data-status=succeeded]").CountAsync());
        foreach (var asset in assets)
        {
            var row = page.Locator($"[data-testid=asset-result]:has(td:text-is('{asset!["assetId"]}'))");
            Assert.Contains(asset["toVersion"]!.GetValue<string>(), await row.TextContentAsync(), StringComparison.Ordinal);
        }

        Assert.Equal($"{assets.Count}/{assets.Count} done, 0 failed", await page.GetByTestId("progress-counts").TextContentAsync());
        await Browser.ScreenshotAsync(page, "rollout-completed");
        await Browser.AssertAccessibleAsync(page, "a completed rollout");
    }

    [Fact]
    public async Task A_viewer_is_offered_no_approval_and_a_forced_approval_is_refused()
    {
        string id;
        using (var admin = fixture.Host.Api(fixture.Host.BootstrapKey))
        {
            using var started = await admin.PostAsJsonAsync("/api/v1/rollouts", new
            {
                target = new { imageFamily = Family, imageVersion = Version },
                scope = new { environments = new[] { "dev" }, sites = new[] { "dc-london" } },
                strategy = new { canaryCount = 1, waves = new[] { 100 } },
            });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            id = (await started.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        }

        await ControlTowerFixture.WaitAsync(async () => (await fixture.GetAsync("/api/v1/rollouts/" + Uri.EscapeDataString(id)))["rollout"]!["status"]!.GetValue<string>() == "awaiting_approval",
            "the rollout to wait for approval");
        var page = await Browser.SignInAsync(fixture, fixture.Viewer);
        var pending = page.Locator($"[data-testid=pending-approval][data-id='{id}']");
        await pending.WaitForAsync();
        Assert.Contains("needs approve:tasks", await pending.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).CountAsync());
        await Browser.AssertAccessibleAsync(page, "the overview as a viewer");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Rollout {Family}@{Version}" }).First.ClickAsync();
        await page.GetByText("Deciding needs approve:tasks.").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).CountAsync());
        await Browser.ScreenshotAsync(page, "viewer-rollout");

        using var viewer = fixture.Host.Api(fixture.Viewer);
        using var forced = await viewer.PostAsJsonAsync($"/api/v1/rollouts/{Uri.EscapeDataString(id)}/approve", new { comment = "forced" });
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        var after = await fixture.GetAsync("/api/v1/rollouts/" + Uri.EscapeDataString(id));
        Assert.Equal("awaiting_approval", after["rollout"]!["status"]!.GetValue<string>());
        Assert.Empty(after["approvals"]![0]!["decisions"]!.AsArray());
    }

    [Fact]
    public async Task A_drill_started_in_the_UI_shows_its_measured_RTO_and_RPO_against_the_targets()
    {
        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "DR", Exact = true }).ClickAsync();
        await page.GetByTestId("dr-pairs").GetByText("orders-db-aws").WaitForAsync();
        await Browser.AssertAccessibleAsync(page, "the DR page");
        await Browser.ChooseAsync(page, "Pair", "Orders database, AWS us-east-1 to eu-west-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start drill" }).ClickAsync();
        await page.WaitForURLAsync(DrillPath());
        var id = Uri.UnescapeDataString(DrillPath().Match(page.Url).Groups[1].Value);

        await ControlTowerFixture.WaitAsync(async () => (await fixture.GetAsync("/api/v1/dr/drills/" + Uri.EscapeDataString(id)))["status"]!.GetValue<string>() == "awaiting_approval",
            "the drill to wait for approval");
        using (var engineer = fixture.Host.Api(fixture.Engineer))
        {
            using var approved = await engineer.PostAsJsonAsync($"/api/v1/dr/drills/{Uri.EscapeDataString(id)}/approve", new { comment = "go" });
            Assert.True(approved.IsSuccessStatusCode, $"approving the drill: {(int)approved.StatusCode}");
        }

        var status = page.GetByTestId("drill-status");
        await ControlTowerFixture.WaitAsync(async () => await status.GetAttributeAsync("data-status") is "passed" or "failed", "the drill to finish", 120);
        await page.GetByTestId("drill-report").WaitForAsync();
        var drill = await fixture.GetAsync("/api/v1/dr/drills/" + Uri.EscapeDataString(id));
        Assert.Equal("passed", drill["status"]!.GetValue<string>());
        var rto = drill["rtoSeconds"]!.GetValue<double>();
        var rpo = drill["rpoSeconds"]!.GetValue<double>();
        Assert.Equal($"RTO {Seconds(rto)} (target 5m 0s) · RPO {Seconds(rpo)} (target 1m 0s)", await page.GetByTestId("rto-rpo").TextContentAsync());
        Assert.Equal(drill["summary"]!.GetValue<string>(), await page.GetByTestId("drill-summary").Locator(".mantine-Alert-message").TextContentAsync());
        await Browser.ScreenshotAsync(page, "drill");
        await Browser.AssertAccessibleAsync(page, "a finished drill");
    }

    [Fact]
    public async Task Every_other_page_has_no_serious_accessibility_violation()
    {
        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        var pages = new (string Path, string Ready, string Name)[]
        {
            ("/assets", "[data-testid=asset-row]", "assets"),
            ("/assets/use1-prod-web-01", "[data-testid=asset-drift] .mantine-Badge-root", "asset"),
            ("/images", "text=Lineage", "images"),
            ($"/images/{Uri.EscapeDataString(Family + "@" + Version)}", "[data-testid=image-vulnerabilities]", "image-version"),
            ("/rollouts", "[data-testid=rollouts]", "rollouts"),
            ("/audit", "text=Verify the chain", "audit"),
        };
        foreach (var (path, ready, name) in pages)
        {
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            await Browser.AssertAccessibleAsync(page, path);
            await Browser.ScreenshotAsync(page, name);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the chain" }).ClickAsync();
        var verification = page.GetByTestId("audit-verification");
        await verification.WaitForAsync();
        Assert.Contains("The chain is intact", await verification.TextContentAsync(), StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page, "the audit page after verifying");
    }

    private async Task<int> CountRolloutsAsync() => (await fixture.GetAsync("/api/v1/rollouts?limit=500"))["items"]!.AsArray().Count;

    /// <summary>Seconds as the UI writes them: <c>42s</c>, <c>5m 0s</c>.</summary>
    private static string Seconds(double s) =>
        s >= 60 ? $"{Math.Floor(s / 60)}m {Math.Round(s % 60, MidpointRounding.AwayFromZero)}s" : $"{Math.Round(s, MidpointRounding.AwayFromZero)}s";

    [GeneratedRegex(@"/rollouts/(ro-[^/?#]+)$")]
    private static partial Regex RolloutPath();

    [GeneratedRegex(@"/dr/drills/(dr-[^/?#]+)$")]
    private static partial Regex DrillPath();

    [GeneratedRegex(@"^risk (low|medium|high|critical) \(\d+\.\d\)$")]
    private static partial Regex RiskText();
}

/// <summary>The browser tests share one host and one browser, and run one at a time (the machine has few cores).</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<ControlTowerFixture>
{
    public const string Name = "Control Tower";
}
