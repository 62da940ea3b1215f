using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Execution;
using Qlrf.Json;

namespace Qlrf.Ai.Tools;

public sealed partial class AiTools
{
    private async Task<AiToolOutput> DrReadinessAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var selected = call.Text("pair") is { } id ? [await PairAsync(organisation, id, cancellationToken)] : (await pairs.ListAsync(organisation, MaxItems, null, cancellationToken)).Items;
        var all = new List<DrReadiness>();
        foreach (var pair in selected)
        {
            all.Add(await ReadinessAsync(pair, cancellationToken));
        }

        var view = all.Select(r => new { pair = r.PairId, name = r.PairName, r.Status, reasons = r.Reasons.Select(x => x.Message).ToList() }).ToList();
        return AiToolOutput.Of(
            all.Count == 0 ? "no DR pairs" : string.Join(", ", all.Select(r => $"{r.PairId} {EnumText<RagStatus>.Of(r.Status)}")),
            new { pairs = view });
    }

    private async Task<AiToolOutput> SimulateFailoverAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var pair = await PairAsync(organisation, call.Text("pair"), cancellationToken);
        var readiness = await ReadinessAsync(pair, cancellationToken);
        var moving = await workloads.FindAsync(pair, cancellationToken);
        var executor = drExecutors.Find(pair.Organisation, pair.PrimarySite, pair.RecoverySite);
        return AiToolOutput.Of(
            $"failover of {pair.Id} would move {moving.Count} workload(s) from {pair.PrimarySite} to {pair.RecoverySite}; readiness {EnumText<RagStatus>.Of(readiness.Status)}{(executor is null ? "; no DR executor serves these sites" : string.Empty)}",
            new
            {
                pair = pair.Id,
                from = pair.PrimarySite,
                to = pair.RecoverySite,
                readiness = readiness.Status,
                reasons = readiness.Reasons.Select(r => r.Message).ToList(),
                rtoTarget = pair.RtoTarget,
                rpoTarget = pair.RpoTarget,
                replicationLag = readiness.ReplicationLag,
                executorAvailable = executor is not null,
                workloads = moving.Take(MaxItems).Select(a => new { a.Asset.Id, a.Asset.Name }).ToList(),
            });
    }

    private async Task<DrPair> PairAsync(string organisation, string? id, CancellationToken cancellationToken) =>
        id is null ? throw new RequestValidationException("pair", "is required.")
        : await pairs.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no DR pair '{id}'.");

    private async Task<DrReadiness> ReadinessAsync(DrPair pair, CancellationToken cancellationToken)
    {
        var executor = drExecutors.Find(pair.Organisation, pair.PrimarySite, pair.RecoverySite);
        DrSiteStatus? primary = null, recovery = null;
        ReplicationStatus? replication = null;
        if (executor is not null)
        {
            primary = await executor.GetSiteStatusAsync(pair.Organisation, pair.PrimarySite, cancellationToken);
            recovery = await executor.GetSiteStatusAsync(pair.Organisation, pair.RecoverySite, cancellationToken);
            replication = await executor.GetReplicationAsync(new DrScope(pair.Organisation, pair.Id, pair.PrimarySite, pair.RecoverySite, []), cancellationToken);
        }

        var last = await drills.GetLastDrillAsync(pair.Organisation, pair.Id, cancellationToken);
        return DrReadinessEvaluator.Evaluate(new DrReadinessInput(pair, primary, recovery, replication, last, drOptions.Value.DefaultMaxDrillAge, time.GetUtcNow()));
    }
}
