using System.Net;
using Qlrf.Api.Compliance;
using Qlrf.Images;
using Qlrf.Compliance;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Compliance;

/// <summary>
/// A rollout that brings assets to the golden version raises the score: a framework (its own file, beside the shipped
/// ones) whose control asks that staging's distroless-java21 containers run the production version, and a rollout of
/// that version to staging.
/// </summary>
public sealed class ComplianceRolloutTests : IAsyncLifetime
{
    private const string Fleet = """
        id: fleet
        version: "1"
        title: Fleet hygiene
        controls:
          - id: containers-golden
            title: Containers run the golden distroless image
            checks:
              - check: asset-golden-image
                params: { family: distroless-java21 }
          - id: sboms
            title: Production images have SBOMs
            checks:
              - check: image-sbom
        """;

    private const string DistrolessToStaging = """
        {
          "target": { "imageFamily": "distroless-java21", "imageVersion": "21.0.5-2" },
          "scope": { "environments": ["staging"] },
          "strategy": { "canaryCount": 1, "waves": [100], "batchSize": 10, "waitBetweenWaves": "00:00:00" },
          "autonomy": "approve_all"
        }
        """;

    private readonly HostDirectory directory = new();
    private readonly string frameworks = Path.Combine(Path.GetTempPath(), "qlrf-it-compliance-" + Guid.NewGuid().ToString("N"));
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(frameworks);
        foreach (var shipped in Directory.GetFiles(Qlrf.Configuration.ConfiguredFile.Places("compliance").First(Directory.Exists), "*.yaml"))
        {
            File.Copy(shipped, Path.Combine(frameworks, Path.GetFileName(shipped)));
        }

        await File.WriteAllTextAsync(Path.Combine(frameworks, "fleet.yaml"), Fleet);
        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
            ["Qlrf:Compliance:Directory"] = frameworks,
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
        Directory.Delete(frameworks, recursive: true);
    }

    private async Task<FrameworkSummary> FleetAsync() =>
        (await host.GetJsonAsync<ComplianceSummary>("/api/v1/compliance/summary?environment=staging")).Frameworks.Single(f => f.Id == "fleet");

    [Fact]
    public async Task A_rollout_to_the_golden_version_turns_its_control_passing_and_raises_the_score()
    {
        var before = await FleetAsync();
        var control = before.Controls.Single(c => c.Id == "containers-golden");
        Assert.Equal(ControlOutcome.Failing, control.Outcome);
        Assert.True(control.Failed > 0);
        var stale = await host.GetJsonAsync<ControlDetail>("/api/v1/compliance/frameworks/fleet/controls/containers-golden?environment=staging");
        Assert.All(stale.Failures, f => Assert.Equal("staging", f.Environment));

        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(DistrolessToStaging);
        var waiting = await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        foreach (var approver in new[] { "bob", "carol" }.Take(waiting.ApprovalRequirement.RequiredApprovals))
        {
            using var client = host.CreateUserClient(approver, roles: Role.Engineer);
            await client.DecideRolloutAsync(id, "approve", $"{approver}: staging containers");
        }

        await host.WaitForStatusAsync(id, RolloutStatus.Completed);
        FrameworkSummary after = before;
        await Eventually.TrueAsync(
            async () => (after = await FleetAsync()).Controls.Single(c => c.Id == "containers-golden").Outcome == ControlOutcome.Passing,
            TimeSpan.FromSeconds(30),
            "the containers' control to pass once drift follows the rollout");

        var passed = after.Controls.Single(c => c.Id == "containers-golden");
        Assert.Equal((control.Passed + control.Failed, 0), (passed.Passed, passed.Failed));
        Assert.True(after.Score > before.Score, $"score {before.Score} -> {after.Score}");
        Assert.Equal(before.Passing + 1, after.Passing);
    }

    [Fact]
    public async Task An_sbom_import_re_evaluates_that_familys_images_at_once()
    {
        var before = (await FleetAsync()).Controls.Single(c => c.Id == "sboms");
        string? missing = null;
        foreach (var family in await host.GetJsonAsync<List<FamilyDto>>("/api/v1/images/families"))
        {
            foreach (var version in (await host.GetJsonAsync<Qlrf.Api.Images.FamilyDetail>($"/api/v1/images/families/{family.Name}")).Versions
                .Where(v => v.Releases.Any(r => r.Status == LifecycleStatus.Production)))
            {
                if (missing is null && (await host.SendAsync(HttpMethod.Get, $"/api/v1/images/{version.Id}/sbom")).Item1 == HttpStatusCode.NotFound)
                {
                    missing = version.Id;
                }
            }
        }

        Assert.NotNull(missing);
        using var client = host.CreateClient();
        using var body = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(HostDirectory.SampleEstate)!, "scans", "ubuntu-2204-base-2026.09.1.spdx.json")));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var imported = await client.PostAsync($"/api/v1/images/{missing}/sbom", body);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var after = (await FleetAsync()).Controls.Single(c => c.Id == "sboms");
        Assert.Equal((before.Passed + 1, before.Failed - 1), (after.Passed, after.Failed));
        var detail = await host.GetJsonAsync<ControlDetail>("/api/v1/compliance/frameworks/fleet/controls/sboms?limit=500");
        Assert.DoesNotContain(detail.Failures, f => f.ObjectId == missing);
    }
}
