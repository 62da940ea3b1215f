using Qlrf.Approvals;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Notifications;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.UnitTests.Rollouts.Orchestration;

public sealed class RolloutOrchestratorTests
{
    private static readonly string[] Canary = ["c1", "c2"];
    private static readonly string[] Wave1 = ["w1", "w2", "w3", "w4"];
    private static readonly string[] Wave2 = ["w5", "w6", "w7", "w8"];

    [Fact]
    public async Task A_plan_that_breaks_policies_is_rejected_with_every_reason_and_nothing_runs()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave1).Violating(
            new PolicyViolation("prod-requires-canary", "a rollout touching prod needs a canary."),
            new PolicyViolation("critical-cves-need-exception", "ubuntu@2.0 has 2 critical CVEs.")));

        var outcome = await scenario.StartAsync();

        Assert.Equal(RolloutStatus.Rejected, outcome.Status);
        Assert.Contains("[prod-requires-canary] a rollout touching prod needs a canary.", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("[critical-cves-need-exception] ubuntu@2.0 has 2 critical CVEs.", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(scenario.Applied);
        Assert.Empty(scenario.Approvals);
        Assert.Equal([RolloutStatus.Rejected], scenario.StatusTrail);
        Assert.Equal(NotificationEvent.Rejected, scenario.Notifications.Single().Event);
    }

    [Fact]
    public async Task A_rejected_approval_means_nothing_is_executed()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave1));
        var run = scenario.StartAsync();
        Assert.False(run.IsCompleted);
        Assert.Equal(RolloutStatus.AwaitingApproval, scenario.Statuses[^1].Status);
        Assert.Equal(NotificationEvent.AwaitingApproval, scenario.Notifications[^1].Event);
        Assert.NotNull(scenario.Notifications[^1].Approval);

        scenario.Decide(ApprovalStatus.Rejected, new ApprovalDecision("user:bob", ApprovalDecisionKind.Reject, "not this week", "api", DateTimeOffset.UnixEpoch));
        var outcome = await run;

        Assert.Equal(RolloutStatus.Rejected, outcome.Status);
        Assert.Contains("user:bob: \"not this week\"", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(scenario.Applied);
        Assert.Empty(scenario.Sweeps);
        Assert.Equal(0, scenario.Context.OpenTimers);
        var rejected = scenario.Notifications[^1];
        Assert.Equal((NotificationEvent.Rejected, scenario.Notifications[0].Id), (rejected.Event, rejected.Replaces));
    }

    [Fact]
    public async Task An_approval_nobody_decides_in_time_expires_the_rollout_and_nothing_runs()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave1) with { ApprovalTimeout = TimeSpan.FromHours(2) });
        var run = scenario.StartAsync();
        Assert.Equal(scenario.Context.CurrentUtcDateTime.AddHours(2), scenario.Approvals[0].ExpiresAt);

        scenario.Context.Advance(TimeSpan.FromHours(2));
        var outcome = await run;

        Assert.Equal(RolloutStatus.Expired, outcome.Status);
        Assert.Contains(scenario.Context.Calls, c => c.Name == nameof(ExpireApprovalActivity));
        Assert.Empty(scenario.Applied);
        Assert.Equal(NotificationEvent.Expired, scenario.Notifications[^1].Event);
        Assert.Equal([RolloutStatus.AwaitingApproval, RolloutStatus.Expired], scenario.StatusTrail);
    }

    [Fact]
    public async Task The_approval_asks_for_the_plans_approvers_in_its_environments_and_never_from_the_requester()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave1) with { RiskLevel = RiskLevel.High, RequiredApprovals = 2, Environments = ["prod", "staging"] });
        _ = scenario.StartAsync();

        var approval = scenario.Approvals[0];
        Assert.Equal(("ro-acme-1", "rollout", "user:alice", 2), (approval.Subject, approval.Kind, approval.RequestedBy, approval.RequiredApprovals));
        Assert.Equal(["prod", "staging"], approval.Environments);
        Assert.Equal(ApprovalStatus.Pending, approval.Status);
    }

    [Fact]
    public async Task An_approved_rollout_runs_canary_then_waves_and_sweeps_what_changed()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave1, Wave2));
        var run = scenario.StartAsync();
        scenario.Approve();
        var outcome = await run;

        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        Assert.Equal([.. Canary, .. Wave1, .. Wave2], scenario.Applied);
        Assert.All(scenario.Versions.Values, v => Assert.Equal(RolloutScenario.To, v));
        Assert.Equal(new RolloutProgress { Status = RolloutStatus.Completed, Stage = "wave 2", Wave = 2, Waves = 2, Done = 10, Total = 10 }, outcome.Progress);
        Assert.Equal(5, scenario.Checks.Count);
        Assert.Equal(["sandbox"], scenario.Sweeps.Single().Sources);
        Assert.Equal(
            [NotificationEvent.AwaitingApproval, NotificationEvent.Approved, NotificationEvent.WaveComplete, NotificationEvent.WaveComplete, NotificationEvent.Completed],
            scenario.Notifications.Select(n => n.Event));
        Assert.Equal(RolloutStatus.Completed, scenario.Statuses[^1].Status);
    }

    [Fact]
    public async Task Custom_status_carries_the_wave_of_waves_and_assets_done_failed_and_total()
    {
        var plan = RolloutScenario.PlanOf(Canary, Wave1, Wave2) with { Autonomy = Autonomy.RiskBased, RiskLevel = RiskLevel.Low };
        var scenario = new RolloutScenario(plan with { Strategy = plan.Strategy with { HealthGate = new HealthGate { MaxFailurePercent = 25 } } });
        scenario.Unhealthy.Add("w3");
        scenario.OnApply = id =>
        {
            if (id == "w5")
            {
                var status = Qlrf.Json.QlrfJson.Deserialize<RolloutProgress>(scenario.Context.CustomStatuses[^1]!)!;
                Assert.Equal((RolloutStatus.Running, "wave 2", 2, 2, 5, 1, 10), (status.Status, status.Stage, status.Wave, status.Waves, status.Done, status.Failed, status.Total));
            }
        };

        var outcome = await scenario.StartAsync();

        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        Assert.Empty(scenario.Approvals);
        Assert.Equal((9, 1), (outcome.Progress.Done, outcome.Progress.Failed));
    }

    [Fact]
    public async Task A_failing_canary_rolls_back_in_reverse_order_and_no_wave_runs()
    {
        string[] canary = ["c1", "c2", "c3", "c4"];
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(canary, Wave1));
        scenario.Unhealthy.Add("c4");
        var run = scenario.StartAsync();
        scenario.Approve();
        var outcome = await run;

        Assert.Equal(RolloutStatus.RolledBack, outcome.Status);
        Assert.Equal(canary, scenario.Applied);
        Assert.Equal(["c4", "c3", "c2", "c1"], scenario.RolledBack);
        Assert.All(canary, id => Assert.Equal(RolloutScenario.From, scenario.Versions[id]));
        Assert.Contains("the health gate of canary broke: 1 of 4 assets failed", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(NotificationEvent.RolledBack, scenario.Notifications[^1].Event);
        Assert.Single(scenario.Sweeps);
    }

    [Fact]
    public async Task Every_compensation_is_registered_before_its_step_so_a_failed_change_is_undone_too()
    {
        string[] canary = ["c1", "c2"];
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(canary, Wave1));
        scenario.FailApply.Add("c2");
        var run = scenario.StartAsync();
        scenario.Approve();
        var outcome = await run;

        Assert.Equal(RolloutStatus.RolledBack, outcome.Status);
        Assert.Equal(["c2", "c1"], scenario.RolledBack);
        var rollbacks = scenario.Context.Calls.Where(c => c.Name == nameof(RollbackAssetActivity)).Select(c => Qlrf.Json.QlrfJson.Deserialize<RollbackAssetInput>(c.Input!)!).ToList();
        Assert.Null(rollbacks[0].ToVersion);
        Assert.Equal(RolloutScenario.From, rollbacks[1].ToVersion);
        Assert.Contains("injected: c2 failed to change", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_set_rollout_applies_the_set_and_a_failing_canary_removes_it_in_reverse_order_leaving_versions_alone()
    {
        string[] canary = ["c1", "c2", "c3"];
        var plan = RolloutScenario.PlanOf(canary, Wave1) with { Target = new RolloutTarget { PatchSet = "2026-11-openssh" } };
        var scenario = new RolloutScenario(plan);
        scenario.Unhealthy.Add("c3");
        var run = scenario.StartAsync();
        scenario.Approve();
        var outcome = await run;

        Assert.Equal(RolloutStatus.RolledBack, outcome.Status);
        Assert.Equal(canary, scenario.Applied);
        Assert.DoesNotContain(scenario.Context.Calls, c => c.Name is nameof(ApplyImageActivity) or nameof(RollbackAssetActivity));
        Assert.Equal(["c3", "c2", "c1"], scenario.RolledBack);
        Assert.Empty(scenario.Patched);
        Assert.All(scenario.Versions.Values, v => Assert.Equal(RolloutScenario.From, v));
        Assert.NotEmpty(scenario.Checks);
        Assert.All(scenario.Checks, c => Assert.Null(c.TargetVersion));
        var removals = scenario.Context.Calls.Where(c => c.Name == nameof(RemovePatchSetActivity)).Select(c => Qlrf.Json.QlrfJson.Deserialize<RemovePatchSetInput>(c.Input!)!).ToList();
        Assert.All(removals, r => Assert.Equal(("2026-11-openssh", $"ro-acme-1:{r.AssetId}:rollback"), (r.PatchSetId, r.IdempotencyKey)));
    }

    [Fact]
    public async Task A_patch_set_rollout_that_passes_its_gates_completes_with_every_asset_patched()
    {
        string[] canary = ["c1", "c2"];
        var plan = RolloutScenario.PlanOf(canary, Wave1) with { Target = new RolloutTarget { PatchSet = "2026-11-openssh" } };
        var scenario = new RolloutScenario(plan);
        var run = scenario.StartAsync();
        scenario.Approve();
        var outcome = await run;

        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        Assert.Equal(canary.Concat(Wave1).Order(StringComparer.Ordinal), scenario.Patched.Order(StringComparer.Ordinal));
        Assert.Empty(scenario.RolledBack);
        Assert.Contains("patch set 2026-11-openssh", outcome.Reason, StringComparison.Ordinal);
    }
}
