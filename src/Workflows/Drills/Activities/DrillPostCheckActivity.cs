using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills.Activities;

/// <summary>Phase 7: the primary site is healthy and replication to the recovery site runs again. Reads only.</summary>
public sealed class DrillPostCheckActivity(DrExecutors executors) : Activity<DrScope, PostCheckResult>
{
    public override async Task<PostCheckResult> RunAsync(ActivityContext context, DrScope input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = DrTelemetry.ActivitySource.StartActivity("dr.postcheck");
        var executor = executors.For(input);
        var primary = await executor.GetSiteStatusAsync(input.Organisation, input.PrimarySite, context.CancellationToken);
        var replication = await executor.GetReplicationAsync(input, context.CancellationToken);
        if (!primary.Healthy)
        {
            return new PostCheckResult(false, $"The primary site {input.PrimarySite} is unhealthy: {primary.Detail}.", input.PrimarySite, primary, replication);
        }

        return replication.State == ReplicationState.Replicating
            ? new PostCheckResult(true, $"The primary site {input.PrimarySite} is healthy; replication to {input.RecoverySite} runs (lag {DrReadinessEvaluator.Duration(replication.Lag)}).", null, primary, replication)
            : new PostCheckResult(false, $"Replication to {input.RecoverySite} has not resumed ({replication.State}): {replication.Detail}.", input.RecoverySite, primary, replication);
    }
}

/// <summary>What the post-check found.</summary>
public sealed record PostCheckResult(bool Passed, string Summary, string? FailedSite, DrSiteStatus Primary, ReplicationStatus Replication);
