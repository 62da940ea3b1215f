using Qlrf.Execution;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills.Activities;

/// <summary>Starts a DR job (sync, failover, failback, replication resume); idempotent by the job's key (drill id and step).</summary>
public sealed class StartDrJobActivity(DrExecutors executors) : Activity<DrJobRequest, DrJob>
{
    public override async Task<DrJob> RunAsync(ActivityContext context, DrJobRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = DrTelemetry.ActivitySource.StartActivity("dr.job.start");
        span?.SetTag("qlrf.drill", input.DrillId);
        span?.SetTag("qlrf.dr.job", input.Kind.ToString());
        return await executors.For(input.Scope).StartJobAsync(input, context.CancellationToken);
    }
}

/// <summary>Reports how a DR job stands. Reads only.</summary>
public sealed class GetDrJobActivity(DrExecutors executors) : Activity<DrJobRequest, DrJob>
{
    public override Task<DrJob> RunAsync(ActivityContext context, DrJobRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return executors.For(input.Scope).GetJobAsync(input, context.CancellationToken);
    }
}

/// <summary>Phase 5's check: the health of every workload's copy at the recovery site. Reads only.</summary>
public sealed class CheckRecoveryActivity(DrExecutors executors) : Activity<RecoveryCheckRequest, RecoveryCheck>
{
    public override async Task<RecoveryCheck> RunAsync(ActivityContext context, RecoveryCheckRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = DrTelemetry.ActivitySource.StartActivity("dr.validate");
        span?.SetTag("qlrf.drill", input.DrillId);
        return await executors.For(input.Scope).CheckRecoveryAsync(input.Scope, input.DrillId, context.CancellationToken);
    }
}

/// <summary>The recovery check's input.</summary>
public sealed record RecoveryCheckRequest(DrScope Scope, string DrillId);
