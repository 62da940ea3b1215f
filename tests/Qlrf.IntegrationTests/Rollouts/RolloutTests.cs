using System.Net;
using Qlrf.Approvals;
using Qlrf.Api.Rollouts;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>Rollouts through the real host: planned, approved through the API, run on the sandbox platform, swept.</summary>
public sealed class RolloutTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050" });
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task A_rollout_approved_through_the_API_runs_to_completion_and_drift_coverage_rises()
    {
        var before = (await host.GetJsonAsync<DriftReportDto>("/api/v1/drift")).Organisation;
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(RolloutCalls.NonProdUbuntu, idempotencyKey: "change-4711");
        Assert.StartsWith("ro-acme-", id, StringComparison.Ordinal);

        var again = await alice.StartRolloutAsync(RolloutCalls.NonProdUbuntu, idempotencyKey: "change-4711");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(id, again.Json<RolloutSummary>().Id);

        var waiting = await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        Assert.Equal("user:alice", waiting.Rollout.RequestedBy);
        Assert.Equal(["dev", "staging"], waiting.Policy.Environments);
        Assert.Empty(waiting.Policy.Violations);
        Assert.Equal(Enum.GetValues<RiskFactor>().Length, waiting.Risk!.Contributions.Count);
        Assert.Equal("canary", waiting.Plan[0].Name);
        Assert.Equal(2, waiting.Plan[0].AssetCount);
        var total = waiting.Rollout.Progress.Total;
        Assert.Equal(total, waiting.Assets.Count);
        Assert.All(waiting.Assets, a => Assert.Equal(RolloutAssetStatus.Pending, a.Status));

        var required = waiting.ApprovalRequirement.RequiredApprovals;
        foreach (var approver in new[] { "bob", "carol" }.Take(required))
        {
            using var client = host.CreateUserClient(approver, roles: Role.Engineer);
            var decided = await client.DecideRolloutAsync(id, "approve", $"{approver}: canary plan checked");
            Assert.True(decided.Status == HttpStatusCode.OK, decided.Body);
        }

        var done = await host.WaitForStatusAsync(id, RolloutStatus.Completed);
        Assert.Equal((total, 0, total), (done.Rollout.Progress.Done, done.Rollout.Progress.Failed, done.Rollout.Progress.Total));
        Assert.All(done.Assets, a =>
        {
            Assert.Equal((RolloutAssetStatus.Succeeded, "2026.10.1", true), (a.Status, a.ToVersion, a.Changed));
            Assert.NotNull(a.FromVersion);
            Assert.True(a.DurationMs >= 0);
        });
        Assert.Equal(ApprovalStatus.Approved, done.Approvals.Single().Status);

        await Eventually.TrueAsync(
            async () => (await host.GetJsonAsync<DriftReportDto>("/api/v1/drift")).Organisation.Compliant == before.Compliant + total,
            TimeSpan.FromSeconds(30),
            "drift to follow the rollout");
        var after = (await host.GetJsonAsync<DriftReportDto>("/api/v1/drift")).Organisation;
        Assert.True(after.CoveragePercent > before.CoveragePercent, $"coverage {before.CoveragePercent} -> {after.CoveragePercent}");
        Assert.All(await host.AllAssetsAsync("imageFamily=ubuntu-2204-base&environment=dev"), a => Assert.Equal("2026.10.1", a.Image!.Version));
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_rollout_and_a_late_decision_is_told_who_decided()
    {
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
        await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);

        var own = await alice.DecideRolloutAsync(id, "approve");
        Assert.Equal(HttpStatusCode.Forbidden, own.Status);
        Assert.Contains("requester cannot approve", own.Problem!.Detail, StringComparison.Ordinal);

        using var viewer = await host.CreateClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DecideRolloutAsync(id, "approve")).Status);
        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.DecideRolloutAsync(id, "reject", comment: null)).Status);

        var rejected = await bob.DecideRolloutAsync(id, "reject", "not during the audit");
        Assert.Equal(HttpStatusCode.OK, rejected.Status);
        var detail = await host.WaitForStatusAsync(id, RolloutStatus.Rejected);
        Assert.Contains("user:bob", detail.Rollout.StatusReason, StringComparison.Ordinal);
        Assert.All(detail.Assets, a => Assert.Equal(RolloutAssetStatus.Pending, a.Status));

        using var carol = host.CreateUserClient("carol", roles: Role.Engineer);
        var late = await carol.DecideRolloutAsync(id, "approve");
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains("Already decided: rejected by user:bob at", late.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_breaking_a_policy_is_rejected_with_its_reasons_until_an_admin_grants_an_exception()
    {
        const string older = """
            { "target": { "imageFamily": "ubuntu-2204-base", "imageVersion": "2026.09.1" }, "scope": { "environments": ["dev"] }, "autonomy": "risk_based" }
            """;
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var blocked = await host.WaitForStatusAsync(await alice.StartedRolloutAsync(older), RolloutStatus.Rejected);
        Assert.Equal("critical-cves-need-exception", blocked.Policy.Violations.Single().RuleId);
        Assert.Contains("[critical-cves-need-exception]", blocked.Rollout.StatusReason, StringComparison.Ordinal);
        Assert.Equal(1, blocked.Policy.Version);

        using var admin = host.CreateClient();
        var grant = await admin.SendAsync(HttpMethod.Post, "/api/v1/rollouts/policy-exceptions", """{"target":"ubuntu-2204-base@2026.09.1","reason":"CVE not reachable: CAB-2999"}""");
        Assert.Equal(HttpStatusCode.Created, grant.Status);
        using var engineer = await host.CreateClientAsAsync(Role.Engineer);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.SendAsync(HttpMethod.Post, "/api/v1/rollouts/policy-exceptions", """{"target":"ubuntu-2204-base@2026.09.1","reason":"x"}""")).Status);

        var allowed = await host.WaitForRolloutAsync(await alice.StartedRolloutAsync(older), d => d.Rollout.Status != RolloutStatus.Planning, "to be planned");
        Assert.Empty(allowed.Policy.Violations);
    }

    [Theory]
    [InlineData("""{"scope":{}}""", "target")]
    [InlineData("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"9.9.9"}}""", "target.imageVersion")]
    [InlineData("""{"target":{"patchSet":"2026-11"}}""", "target.patchSet")]
    [InlineData("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"scope":{"environments":["moon"]}}""", "scope.environments")]
    [InlineData("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"strategy":{"waves":[50,40]}}""", "strategy.waves[1]")]
    [InlineData("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"strategy":{"waves":[50]}}""", "strategy.waves")]
    [InlineData("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"strategy":{"healthGate":{"checks":["vibes"]}}}""", "strategy.healthGate.checks")]
    [InlineData("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"autonomy":"yolo"}""", "autonomy")]
    public async Task A_bad_request_is_a_400_naming_the_field(string json, string field)
    {
        using var client = host.CreateClient();

        var reply = await client.StartRolloutAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(field + ":", reply.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_rollout_is_not_found_and_an_engineer_bound_to_staging_cannot_start_one_in_prod()
    {
        using var client = host.CreateClient();
        var id = await client.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
        using var other = await host.CreateClientAsAsync(Role.Admin, Access.OtherOrganisation);
        Assert.Equal(HttpStatusCode.NotFound, (await other.FetchAsync($"/api/v1/rollouts/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Post, $"/api/v1/rollouts/{id}/pause", "{}")).Status);

        await host.BindAsync("dana", Role.Engineer, RoleScope.Environment("staging"));
        using var dana = host.CreateUserClient("dana");
        var prod = await dana.StartRolloutAsync("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"scope":{"environments":["prod"]}}""");
        Assert.Equal(HttpStatusCode.Forbidden, prod.Status);
        var staging = await dana.StartRolloutAsync("""{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"},"scope":{"environments":["staging"]}}""");
        Assert.Equal(HttpStatusCode.Accepted, staging.Status);
    }
}
