using System.Net;
using Qlrf.Approvals;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>
/// A High or Critical risk rollout (prod) needs two distinct approvers. The host's policy file keeps the shipped
/// rules but its maintenance and freeze windows, so the test does not depend on the day it runs; environment
/// criticality weighs 300 (of 375), so a prod rollout is High or Critical whatever else the hour brings.
/// </summary>
public sealed class HighRiskApprovalTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        var policies = Path.Combine(directory.Path, "rollout-policies.yaml");
        await File.WriteAllTextAsync(policies, """
            version: 7
            rules:
              - { id: prod-requires-canary, kind: require_canary, environments: [prod] }
              - { id: prod-max-batch, kind: max_batch_percent, environments: [prod], maxPercent: 10 }
              - { id: dr-pair-separation, kind: dr_pair_separation }
              - { id: critical-cves-need-exception, kind: block_critical_cves }
            """);
        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Rollouts:PolicyFile"] = policies,
            ["Qlrf:Rollouts:RiskWeights:EnvironmentCriticality"] = "300",
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task A_high_risk_rollout_needs_two_distinct_approvers()
    {
        const string prod = """
            {
              "target": { "imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1" },
              "scope": { "environments": ["prod"] },
              "strategy": { "batchSize": 5, "waitBetweenWaves": "00:00:00" },
              "autonomy": "approve_all"
            }
            """;
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(prod);
        await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        var waiting = await host.WaitForRolloutAsync(id, d => d.Approvals.Count == 1, "to open its approval");
        Assert.True(waiting.Risk!.Level is RiskLevel.High or RiskLevel.Critical, $"risk {waiting.Risk.Level} ({waiting.Risk.Score})");
        Assert.Equal(((int?)7, 0), (waiting.Policy.Version, waiting.Policy.Violations.Count));
        Assert.Equal(2, waiting.ApprovalRequirement.RequiredApprovals);
        Assert.Equal(2, waiting.Approvals[0].RequiredApprovals);

        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await bob.DecideRolloutAsync(id, "approve", "bob: checked the canary")).Status);
        var once = await host.RolloutAsync(id);
        Assert.Equal(RolloutStatus.AwaitingApproval, once.Rollout.Status);
        Assert.Equal((ApprovalStatus.Pending, 1), (once.Approvals[0].Status, once.Approvals[0].Decisions.Count));

        var twice = await bob.DecideRolloutAsync(id, "approve", "bob again");
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Contains("user:bob has already decided", twice.Problem!.Detail, StringComparison.Ordinal);

        using var carol = host.CreateUserClient("carol", roles: Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await carol.DecideRolloutAsync(id, "approve", "carol: change window agreed")).Status);
        var running = await host.WaitForRolloutAsync(id, d => d.Rollout.Status != RolloutStatus.AwaitingApproval, "to leave the approval");
        Assert.Equal(ApprovalStatus.Approved, running.Approvals[0].Status);
        Assert.Equal(["user:bob", "user:carol"], running.Approvals[0].Decisions.Select(d => d.Actor));
        Assert.Equal(HttpStatusCode.Accepted, (await carol.SendAsync(HttpMethod.Post, $"/api/v1/rollouts/{id}/cancel", """{"reason":"test over"}""")).Status);
    }
}
