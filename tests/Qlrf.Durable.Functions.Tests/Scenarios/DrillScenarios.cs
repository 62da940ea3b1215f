using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Durable.Functions.Tests.Engines;
using Qlrf.Execution;
using Qlrf.Orchestration;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Drills;

namespace Qlrf.Durable.Functions.Tests.Scenarios;

/// <summary>The DR drill orchestrator's scenarios, written once and run on each engine.</summary>
public abstract class DrillScenarios(IEngineFactory engines)
{
    [Fact]
    public async Task A_drill_whose_validation_fails_fails_back()
    {
        var sites = new DrillSites { Unhealthy = true };
        await using var engine = await engines.StartAsync(sites.Register);
        var id = await engine.StartAsync(nameof(DrillOrchestrator), DrillSites.Input(rto: TimeSpan.FromSeconds(2)));

        await Patience.UntilAsync(() => sites.Approvals.Count > 0, "the approval to open", engine, id);
        var at = TimeProvider.System.GetUtcNow();
        await engine.RaiseEventAsync(id, ApprovalEvents.ApprovalClosed, new ApprovalOutcome(
            sites.Approvals[0].Id, ApprovalStatus.Approved, [new ApprovalDecision("user:bob", ApprovalDecisionKind.Approve, "ok", "api", at)], at));
        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var report = state.ReadOutputAs<DrillReport>()!;
        Assert.Equal((DrillOutcome.Failed, DrillPhase.Validation, "site-b"), (report.Outcome, report.Failure!.Phase, report.Failure.Site));
        Assert.StartsWith("Validation failed at site-b: db-1: application check failing", report.Failure.Reason, StringComparison.Ordinal);
        Assert.True(sites.RecoveryChecks > 1, $"the workloads were checked {sites.RecoveryChecks} time(s)");
        Assert.Equal([DrJobKind.Sync, DrJobKind.Failover, DrJobKind.Failback], sites.Started);
        Assert.Equal((null, false), (report.Rto!.Measured, report.Rto.Met));
    }
}

public sealed class DrillScenariosOnTheEmbeddedRuntime() : DrillScenarios(new EmbeddedEngineFactory());

public sealed class DrillScenariosOnDurableTask() : DrillScenarios(new DurableTaskEngineFactory());
