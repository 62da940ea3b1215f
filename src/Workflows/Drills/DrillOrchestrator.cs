using Qlrf.Dr;
using Qlrf.Workflows.Control;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills;

/// <summary>
/// A DR drill: pre-check, approval, replication sync, failover, validation, failback, post-check, report.
/// Failback is registered as a compensation before failover and unwound after validation, or at once when any
/// phase after failover fails or the drill is cancelled. Pause, resume and cancel apply between phases. The
/// custom status shows the phase and elapsed time. Only scheduling: the work is in <see cref="DrillRun"/>'s calls.
/// </summary>
public sealed class DrillOrchestrator : Orchestrator<DrillInput, DrillReport>
{
    public override async Task<DrillReport> RunAsync(IOrchestrationContext context, DrillInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var control = new OrchestrationControl(context);
        var run = new DrillRun(context, input, control);
        if (await run.PreCheckAsync() && !input.DryRun && await run.ApproveAsync())
        {
            await run.RecoverAsync();
            await run.FailBackAsync();
            await run.PostCheckAsync();
        }

        return await run.ReportAsync();
    }
}
