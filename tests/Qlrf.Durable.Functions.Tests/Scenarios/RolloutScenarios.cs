using Qlrf.Approvals;
using Qlrf.Durable.Functions.Tests.Engines;
using Qlrf.Orchestration;
using Qlrf.Rollouts;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Rollouts;

namespace Qlrf.Durable.Functions.Tests.Scenarios;

/// <summary>
/// The rollout orchestrator's scenarios, written once and run on each engine (see the derived classes): the same
/// orchestrator, the same fake activities, the same assertions.
/// </summary>
public abstract class RolloutScenarios(IEngineFactory engines)
{
    private static readonly string[] Canary = ["c1", "c2"];
    private static readonly string[] Wave = ["w1", "w2", "w3", "w4"];
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task An_approved_rollout_runs_canary_then_waves_and_completes()
    {
        var estate = new RolloutEstate(RolloutEstate.PlanOf(Day, Canary, Wave));
        await using var engine = await engines.StartAsync(estate.Register);
        var id = await engine.StartAsync(nameof(RolloutOrchestrator), estate.Input);

        await DecideAsync(engine, id, estate, ApprovalStatus.Approved);
        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var outcome = state.ReadOutputAs<RolloutOutcome>()!;
        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        Assert.Equal([.. Canary, .. Wave], estate.Applied.Order(StringComparer.Ordinal));
        Assert.Equal(Canary, estate.Applied.Take(2).Order(StringComparer.Ordinal));
        Assert.All(estate.Versions.Values, v => Assert.Equal(RolloutEstate.To, v));
        Assert.Equal((6, 6), (outcome.Progress.Done, outcome.Progress.Total));
        Assert.Equal([RolloutStatus.AwaitingApproval, RolloutStatus.Running, RolloutStatus.Completed], estate.Statuses.Select(s => s.Status).Distinct());
    }

    [Fact]
    public async Task A_rejected_rollout_changes_nothing()
    {
        var estate = new RolloutEstate(RolloutEstate.PlanOf(Day, Canary, Wave));
        await using var engine = await engines.StartAsync(estate.Register);
        var id = await engine.StartAsync(nameof(RolloutOrchestrator), estate.Input);

        await DecideAsync(engine, id, estate, ApprovalStatus.Rejected);
        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var outcome = state.ReadOutputAs<RolloutOutcome>()!;
        Assert.Equal(RolloutStatus.Rejected, outcome.Status);
        Assert.Contains("user:bob: \"not this week\"", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(estate.Applied);
        Assert.All(estate.Versions.Values, v => Assert.Equal(RolloutEstate.From, v));
        Assert.Equal([RolloutStatus.AwaitingApproval, RolloutStatus.Rejected], estate.Statuses.Select(s => s.Status));
    }

    [Fact]
    public async Task An_approval_nobody_decides_in_time_expires_and_nothing_runs()
    {
        var estate = new RolloutEstate(RolloutEstate.PlanOf(TimeSpan.FromSeconds(1), Canary, Wave));
        await using var engine = await engines.StartAsync(estate.Register);
        var id = await engine.StartAsync(nameof(RolloutOrchestrator), estate.Input);

        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(RolloutStatus.Expired, state.ReadOutputAs<RolloutOutcome>()!.Status);
        Assert.Single(estate.Approvals.Select(a => a.Id).Distinct());
        Assert.Empty(estate.Applied);
        Assert.Equal([RolloutStatus.AwaitingApproval, RolloutStatus.Expired], estate.Statuses.Select(s => s.Status));
    }

    [Fact]
    public async Task A_failing_canary_rolls_back_in_reverse_order_and_no_wave_runs()
    {
        string[] canary = ["c1", "c2", "c3", "c4"];
        var estate = new RolloutEstate(RolloutEstate.PlanOf(Day, canary, Wave));
        estate.Unhealthy.Add("c4");
        await using var engine = await engines.StartAsync(estate.Register);
        var id = await engine.StartAsync(nameof(RolloutOrchestrator), estate.Input);

        await DecideAsync(engine, id, estate, ApprovalStatus.Approved);
        var state = await engine.WaitAsync(id);

        var outcome = state.ReadOutputAs<RolloutOutcome>()!;
        Assert.Equal(RolloutStatus.RolledBack, outcome.Status);
        Assert.Equal(canary, estate.Applied.Order(StringComparer.Ordinal));
        Assert.Equal(["c4", "c3", "c2", "c1"], estate.RolledBack);
        Assert.All(estate.Versions.Values, v => Assert.Equal(RolloutEstate.From, v));
        Assert.Contains("the health gate of canary broke: 1 of 4 assets failed", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_holds_between_batches_until_resume()
    {
        var plan = RolloutEstate.PlanOf(Day, Canary, Wave) with { Autonomy = Autonomy.RiskBased, RiskLevel = RiskLevel.Low };
        var estate = new RolloutEstate(plan);
        IEngine? running = null;
        string? instance = null;
        estate.OnApply = async asset =>
        {
            if (asset == "w1")
            {
                await running!.RaiseEventAsync(instance!, ControlEvents.Control, new ControlSignal(ControlAction.Pause, "user:carol", "looking at a graph"));
            }
        };
        await using var engine = running = await engines.StartAsync(estate.Register);
        var id = instance = await engine.StartAsync(nameof(RolloutOrchestrator), estate.Input);

        await Patience.UntilAsync(() => estate.Statuses.Any(s => s.Status == RolloutStatus.Paused), "the rollout to pause", engine, id);
        var paused = estate.Statuses[^1];
        Assert.Equal((RolloutStatus.Paused, "user:carol", "looking at a graph"), (paused.Status, paused.Actor, paused.Reason));
        Assert.Equal(["c1", "c2", "w1", "w2"], estate.Applied.Order(StringComparer.Ordinal));

        await engine.RaiseEventAsync(id, ControlEvents.Control, new ControlSignal(ControlAction.Resume, "user:dave"));
        var state = await engine.WaitAsync(id);

        Assert.Equal(RolloutStatus.Completed, state.ReadOutputAs<RolloutOutcome>()!.Status);
        Assert.Equal([.. Canary, .. Wave], estate.Applied.Order(StringComparer.Ordinal));
        Assert.Equal([RolloutStatus.Running, RolloutStatus.Paused, RolloutStatus.Running, RolloutStatus.Completed], estate.Statuses.Select(s => s.Status));
        Assert.Equal("user:dave", estate.Statuses[2].Actor);
    }

    /// <summary>Waits for the approval to be opened, then closes it as a decision in the API would.</summary>
    private static async Task DecideAsync(IEngine engine, string instanceId, RolloutEstate estate, ApprovalStatus status)
    {
        await Patience.UntilAsync(() => estate.Approvals.Count > 0, "the approval to open", engine, instanceId);
        var kind = status == ApprovalStatus.Approved ? ApprovalDecisionKind.Approve : ApprovalDecisionKind.Reject;
        var decision = new ApprovalDecision("user:bob", kind, status == ApprovalStatus.Approved ? "ok" : "not this week", "api", TimeProvider.System.GetUtcNow());
        await engine.RaiseEventAsync(instanceId, ApprovalEvents.ApprovalClosed, new ApprovalOutcome(estate.Approvals[^1].Id, status, [decision], TimeProvider.System.GetUtcNow()));
    }
}

public sealed class RolloutScenariosOnTheEmbeddedRuntime() : RolloutScenarios(new EmbeddedEngineFactory());

public sealed class RolloutScenariosOnDurableTask() : RolloutScenarios(new DurableTaskEngineFactory());
