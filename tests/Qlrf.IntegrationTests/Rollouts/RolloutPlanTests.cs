using System.Net;
using Qlrf.Api.Rollouts;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>The dry run (POST /api/v1/rollouts/plan) and a rollout's explanation, through the real host.</summary>
public sealed class RolloutPlanTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = new QlrfHost(directory);
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task A_dry_run_shows_the_plan_an_operator_would_get_and_stores_nothing()
    {
        using var admin = host.CreateClient();
        var auditBefore = (await admin.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items.Count;
        using var operatorClient = host.CreateUserClient("olga", roles: Role.Operator);

        var reply = await operatorClient.SendAsync(HttpMethod.Post, "/api/v1/rollouts/plan", RolloutCalls.NonProdUbuntu);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        var preview = reply.Json<RolloutPlanPreview>();
        Assert.Equal("ubuntu-2204-base@2026.10.1", preview.Target);
        Assert.Equal(("canary", 2), (preview.Plan[0].Name, preview.Plan[0].AssetCount));
        Assert.Equal(preview.AssetCount, preview.Plan.Sum(s => s.AssetCount));
        Assert.Equal(Enum.GetValues<RiskFactor>().Length, preview.Risk!.Contributions.Count);
        Assert.Equal(preview.Risk.Score, Math.Round(preview.Risk.Contributions.Sum(c => c.Points), 1), 0.2);
        Assert.Equal(["dev", "staging"], preview.Policy.Environments);
        Assert.Empty(preview.Policy.Violations);
        Assert.Equal(preview.AssetCount, preview.Explanation.Assets.Count);
        Assert.Equal(Enumerable.Range(1, preview.AssetCount), preview.Explanation.Assets.Select(a => a.Rank));
        Assert.All(preview.Explanation.Assets.Where(a => a.Stage == 0), a => Assert.Contains(a.Reasons, r => r.StartsWith("the canary takes the first 2", StringComparison.Ordinal)));
        Assert.All(preview.Explanation.Policies, p => Assert.True(p.Passed, p.RuleId));
        Assert.NotEmpty(preview.Explanation.Policies);

        // The same plan a started rollout gets; nothing was stored by the dry run.
        Assert.Empty((await admin.FetchAsync("/api/v1/rollouts")).Json<PageDto<RolloutSummary>>().Items);
        Assert.Equal(auditBefore, (await admin.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items.Count);
        using var engineer = host.CreateUserClient("erin", roles: Role.Engineer);
        var id = await engineer.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
        var planned = await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        Assert.Equal(preview.Plan.Select(s => s.Batches.SelectMany(b => b)), planned.Plan.Select(s => s.Batches.SelectMany(b => b)));
        Assert.Equal(preview.Risk.Score, planned.Risk!.Score);
    }

    [Fact]
    public async Task A_dry_run_shows_the_policies_a_plan_breaks_and_a_bad_request_is_400()
    {
        using var admin = host.CreateClient();
        const string prodWithoutCanary = """
            { "target": { "imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1" },
              "scope": { "environments": ["prod"] }, "strategy": { "canaryCount": 0, "waves": [100], "batchSize": 1000 } }
            """;

        var preview = (await admin.SendAsync(HttpMethod.Post, "/api/v1/rollouts/plan", prodWithoutCanary)).Json<RolloutPlanPreview>();
        var bad = await admin.SendAsync(HttpMethod.Post, "/api/v1/rollouts/plan", """{"target":{"imageFamily":"no-such-family","imageVersion":"1"}}""");

        Assert.NotEmpty(preview.Policy.Violations);
        Assert.All(preview.Policy.Violations, v => Assert.Contains(preview.Explanation.Policies, p => p.RuleId == v.RuleId && !p.Passed && p.Violations.Contains(v.Reason)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(400, bad.Problem!.Status);
    }

    [Fact]
    public async Task A_rollouts_explanation_places_every_planned_asset_with_its_reasons_and_an_unknown_rollout_is_404()
    {
        using var admin = host.CreateClient();
        var id = await admin.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
        var detail = await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);

        var explanation = (await admin.FetchAsync($"/api/v1/rollouts/{id}/explanation")).Json<RolloutExplanation>();
        var missing = await admin.FetchAsync("/api/v1/rollouts/ro-acme-nothing/explanation");

        Assert.True(explanation.Planned);
        var placed = explanation.Explanation.Assets.ToDictionary(a => a.AssetId, a => (a.Stage, a.Batch));
        var expected = detail.Plan.SelectMany(s => s.Batches.SelectMany((b, i) => b.Select(asset => (asset, s.Number, i + 1)))).ToDictionary(p => p.asset, p => (p.Number, p.Item3));
        Assert.Equal(expected, placed);
        Assert.All(explanation.Explanation.Assets, a => Assert.Contains(a.Environment, new[] { "dev", "staging" }));
        Assert.Equal(detail.Risk!.Score, explanation.Explanation.Risk!.Score);
        Assert.Equal(explanation.Explanation.Risk.Factors.Select(f => f.Points).OrderDescending(), explanation.Explanation.Risk.Factors.Select(f => f.Points));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }
}
