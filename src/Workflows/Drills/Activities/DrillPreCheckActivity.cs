using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Inventory;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills.Activities;

/// <summary>
/// Phase 1: finds the workloads the pair protects (from the inventory), and checks that both sites are healthy,
/// replication is running and its lag is within the RPO target. A failed check is a result, not an error; only
/// a fault reaching the inventory or the platform throws (and is retried). Reads only.
/// </summary>
public sealed class DrillPreCheckActivity(DrPairWorkloads found, DrExecutors executors) : Activity<DrillPreCheckRequest, PreCheckResult>
{
    public override async Task<PreCheckResult> RunAsync(ActivityContext context, DrillPreCheckRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = DrTelemetry.ActivitySource.StartActivity("dr.precheck");
        span?.SetTag("qlrf.drill", input.DrillId);
        var pair = input.Pair;
        var workloads = (await found.FindAsync(pair, context.CancellationToken)).Select(a => a.Asset.Id).ToList();
        var scope = new DrScope(pair.Organisation, pair.Id, pair.PrimarySite, pair.RecoverySite, workloads);
        var executor = executors.Find(pair.Organisation, pair.PrimarySite, pair.RecoverySite);
        if (executor is null)
        {
            return PreCheckResult.Failed(workloads, $"No DR executor serves sites {pair.PrimarySite} and {pair.RecoverySite}.", null, null, null, null);
        }

        var primary = await executor.GetSiteStatusAsync(pair.Organisation, pair.PrimarySite, context.CancellationToken);
        var recovery = await executor.GetSiteStatusAsync(pair.Organisation, pair.RecoverySite, context.CancellationToken);
        var replication = await executor.GetReplicationAsync(scope, context.CancellationToken);
        string? problem = null;
        string? site = null;
        if (workloads.Count == 0)
        {
            problem = $"No workloads found: no {pair.Environment} asset at {pair.PrimarySite} matches the pair's assets or tags (has the site been swept?).";
        }
        else if (!primary.Healthy)
        {
            (problem, site) = ($"The primary site {pair.PrimarySite} is unhealthy: {primary.Detail}.", pair.PrimarySite);
        }
        else if (!recovery.Healthy)
        {
            (problem, site) = ($"The recovery site {pair.RecoverySite} is unhealthy: {recovery.Detail}.", pair.RecoverySite);
        }
        else if (replication.State != ReplicationState.Replicating)
        {
            (problem, site) = ($"Replication to {pair.RecoverySite} is not running ({replication.State}): {replication.Detail}.", pair.RecoverySite);
        }
        else if (replication.Lag > pair.RpoTarget)
        {
            (problem, site) = ($"Replication lag {DrReadinessEvaluator.Duration(replication.Lag)} exceeds the RPO target {DrReadinessEvaluator.Duration(pair.RpoTarget)}.", pair.RecoverySite);
        }

        return problem is null
            ? new PreCheckResult(true, $"{workloads.Count} workload(s); both sites healthy; replication lag {DrReadinessEvaluator.Duration(replication.Lag)} within the RPO target {DrReadinessEvaluator.Duration(pair.RpoTarget)}.", null, workloads, primary, recovery, replication)
            : PreCheckResult.Failed(workloads, problem, site, primary, recovery, replication);
    }
}

/// <summary>The pre-check's input.</summary>
public sealed record DrillPreCheckRequest(string DrillId, DrPair Pair);

/// <summary>What the pre-check found: the workloads, each site's health, replication, and whether the drill may go on.</summary>
public sealed record PreCheckResult(
    bool Passed,
    string Summary,
    string? FailedSite,
    IReadOnlyList<string> Workloads,
    DrSiteStatus? Primary,
    DrSiteStatus? Recovery,
    ReplicationStatus? Replication)
{
    public static PreCheckResult Failed(IReadOnlyList<string> workloads, string problem, string? site, DrSiteStatus? primary, DrSiteStatus? recovery, ReplicationStatus? replication) =>
        new(false, problem, site, workloads, primary, recovery, replication);
}
