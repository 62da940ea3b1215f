using Qlrf.Workflows.Control;
using Qlrf.Notifications;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.UnitTests.Rollouts.Orchestration;

public sealed class RolloutControlTests
{
    private static readonly string[] Canary = ["c1", "c2"];
    private static readonly string[] Wave = ["w1", "w2", "w3", "w4"];

    private static RolloutScenario LowRisk(params string[][] stages) =>
        new(RolloutScenario.PlanOf(stages) with { Autonomy = Autonomy.RiskBased, RiskLevel = RiskLevel.Low });

    [Fact]
    public async Task Pause_holds_between_batches_until_resume()
    {
        var scenario = LowRisk(Canary, Wave);
        scenario.OnApply = id =>
        {
            if (id == "w1")
            {
                scenario.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Pause, "user:carol", "looking at a graph"));
            }
        };

        var run = scenario.StartAsync();

        Assert.False(run.IsCompleted);
        Assert.Equal(["c1", "c2", "w1", "w2"], scenario.Applied);
        Assert.Equal((RolloutStatus.Paused, "user:carol", "looking at a graph"), (scenario.Statuses[^1].Status, scenario.Statuses[^1].Actor, scenario.Statuses[^1].Reason));
        scenario.Context.Advance(TimeSpan.FromDays(3));
        Assert.Equal(4, scenario.Applied.Count);

        scenario.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Resume, "user:dave"));
        var outcome = await run;

        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        Assert.Equal([.. Canary, .. Wave], scenario.Applied);
        Assert.Equal([RolloutStatus.Running, RolloutStatus.Paused, RolloutStatus.Running, RolloutStatus.Completed], scenario.StatusTrail);
        Assert.Equal("user:dave", scenario.Statuses[2].Actor);
    }

    [Fact]
    public async Task Cancel_stops_between_batches_and_keeps_the_changes_unless_asked_to_roll_back()
    {
        var keep = LowRisk(Canary, Wave);
        keep.OnApply = id =>
        {
            if (id == "w1")
            {
                keep.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Cancel, "user:carol", "wrong target"));
            }
        };

        var kept = await keep.StartAsync();

        Assert.Equal(RolloutStatus.Cancelled, kept.Status);
        Assert.Equal(["c1", "c2", "w1", "w2"], keep.Applied);
        Assert.Empty(keep.RolledBack);
        Assert.Contains("cancelled by user:carol (\"wrong target\")", kept.Reason, StringComparison.Ordinal);
        Assert.Equal(NotificationEvent.Cancelled, keep.Notifications[^1].Event);
        Assert.Single(keep.Sweeps);

        var undo = LowRisk(Canary, Wave);
        undo.OnApply = id =>
        {
            if (id == "w1")
            {
                undo.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Cancel, "user:carol", null, Rollback: true));
            }
        };

        var undone = await undo.StartAsync();

        Assert.Equal(RolloutStatus.Cancelled, undone.Status);
        Assert.Equal(["w2", "w1", "c2", "c1"], undo.RolledBack);
        Assert.All(undo.Versions.Values, v => Assert.Equal(RolloutScenario.From, v));
        Assert.Equal(4, undone.Progress.RolledBack);
    }

    [Fact]
    public async Task A_pause_sent_while_awaiting_approval_holds_before_the_first_batch()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave));
        var run = scenario.StartAsync();
        scenario.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Pause, "user:alice"));
        scenario.Approve();

        Assert.False(run.IsCompleted);
        Assert.Empty(scenario.Applied);
        Assert.Equal(RolloutStatus.Paused, scenario.Statuses[^1].Status);

        scenario.Context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Resume, "user:alice"));
        Assert.Equal(RolloutStatus.Completed, (await run).Status);
    }

    [Fact]
    public async Task Canary_only_runs_the_canary_alone_then_waits_for_approval_of_the_waves()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave) with { Autonomy = Autonomy.CanaryOnly });
        var run = scenario.StartAsync();

        Assert.Equal(Canary, scenario.Applied);
        Assert.Equal(RolloutStatus.AwaitingApproval, scenario.Statuses[^1].Status);
        Assert.EndsWith(":waves-approval", scenario.Approvals[^1].Id, StringComparison.Ordinal);

        scenario.Approve();
        Assert.Equal(RolloutStatus.Completed, (await run).Status);
        Assert.Equal([.. Canary, .. Wave], scenario.Applied);
    }

    [Fact]
    public async Task Canary_only_rolls_the_canary_back_when_the_waves_are_rejected()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave) with { Autonomy = Autonomy.CanaryOnly });
        var run = scenario.StartAsync();
        scenario.Decide(Qlrf.Approvals.ApprovalStatus.Rejected, new Qlrf.Approvals.ApprovalDecision("user:bob", Qlrf.Approvals.ApprovalDecisionKind.Reject, "canary looks slow", "api", DateTimeOffset.UnixEpoch));

        var outcome = await run;

        Assert.Equal(RolloutStatus.Rejected, outcome.Status);
        Assert.Equal(["c2", "c1"], scenario.RolledBack);
        Assert.Contains("2 changed assets were rolled back", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Risk_based_asks_for_approval_above_low_risk()
    {
        var scenario = new RolloutScenario(RolloutScenario.PlanOf(Canary, Wave) with { Autonomy = Autonomy.RiskBased, RiskLevel = RiskLevel.Medium });
        _ = scenario.StartAsync();

        Assert.Empty(scenario.Applied);
        Assert.Equal(RolloutStatus.AwaitingApproval, scenario.Statuses[^1].Status);
    }

    [Fact]
    public async Task Waves_wait_on_a_durable_timer_between_them()
    {
        var scenario = LowRisk(Canary, Wave);
        scenario.Plan = scenario.Plan with { Strategy = scenario.Plan.Strategy with { WaitBetweenWaves = TimeSpan.FromMinutes(10) } };
        var run = scenario.StartAsync();

        Assert.Equal(Canary, scenario.Applied);
        Assert.Equal(1, scenario.Context.OpenTimers);
        scenario.Context.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(2, scenario.Applied.Count);
        scenario.Context.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(RolloutStatus.Completed, (await run).Status);
    }

    [Fact]
    public async Task The_rollout_waits_for_its_maintenance_window_and_expires_if_it_closed()
    {
        var start = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
        var waiting = LowRisk(Canary, Wave);
        waiting.Plan = waiting.Plan with { Schedule = new RolloutWindow(start.AddHours(2), start.AddHours(6)) };
        var run = waiting.StartAsync();
        Assert.Empty(waiting.Applied);
        waiting.Context.Advance(TimeSpan.FromHours(2));
        Assert.Equal(RolloutStatus.Completed, (await run).Status);

        var late = LowRisk(Canary, Wave);
        late.Plan = late.Plan with { Schedule = new RolloutWindow(start.AddHours(-6), start.AddHours(-1)) };
        var outcome = await late.StartAsync();
        Assert.Equal(RolloutStatus.Expired, outcome.Status);
        Assert.Empty(late.Applied);
    }
}
