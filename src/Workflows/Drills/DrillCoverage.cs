using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Inventory;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.Workflows.Drills;

/// <summary>
/// Refuses, when it is requested, a drill of a pair whose workloads no registered DR executor can fail over (none
/// serves the pair's sites, or the one that does cannot fail over workloads of that source and platform): a 400
/// naming the first of them, how many, their source and platform, and why.
/// </summary>
public sealed class DrillCoverage(DrPairWorkloads workloads, DrExecutors executors)
{
    public const string Field = "pairId";

    public async Task RequireAsync(DrPair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var found = await workloads.FindAsync(pair, cancellationToken);
        var executor = executors.Find(pair.Organisation, pair.PrimarySite, pair.RecoverySite);
        if (executor is null && found.Count == 0)
        {
            throw new RequestValidationException(Field, $"no DR executor serves sites {pair.PrimarySite} and {pair.RecoverySite} of {pair.Organisation}; a drill of pair '{pair.Id}' cannot run.");
        }

        var groups = found
            .GroupBy(a => (a.Source, a.Asset.Platform))
            .Select(g => (g.Key, Reason: executor is null
                ? $"no DR executor serves sites {pair.PrimarySite} and {pair.RecoverySite} of {pair.Organisation}"
                : executor.Protects(g.Key.Source, g.Key.Platform) is { IsSupported: false } refused
                    ? refused.Reason ?? $"the DR executor of sites {pair.PrimarySite} and {pair.RecoverySite} cannot fail over them"
                    : null, Ids: g.Select(a => a.Asset.Id).ToList()))
            .Where(g => g.Reason is not null)
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Platform)
            .Select(g => new UnchangeableAssets(g.Key.Source, g.Key.Platform, g.Ids, g.Reason!))
            .ToList();
        if (groups.Count > 0)
        {
            throw new RequestValidationException(Field, $"a drill of pair '{pair.Id}' cannot run: {ExecutorCoverage.Describe(groups)}");
        }
    }
}
