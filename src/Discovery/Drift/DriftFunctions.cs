using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.Discovery.Drift;

/// <summary>
/// Drift upkeep: reconciles the assets of each batch of asset changes (as an <see cref="IAssetChangeHandler"/>),
/// re-evaluates a family after a lifecycle transition, and takes snapshots of the summaries (the daily
/// timer's function, and on demand).
/// </summary>
public sealed class DriftFunctions(
    IDriftStore store,
    IOptions<DriftOptions> options,
    TimeProvider time,
    ILogger<DriftFunctions> logger,
    IEnumerable<Qlrf.Compliance.IComplianceChangeListener>? listeners = null) : IAssetChangeHandler
{
    /// <summary>The app setting holding the daily snapshot's schedule; where absent, <c>Qlrf:Drift:SnapshotSchedule</c>.</summary>
    public const string SnapshotScheduleSetting = "QLRF_DRIFT_SNAPSHOT_SCHEDULE";

    /// <summary>Reconciles every asset the batch touched, applied or skipped, organisation by organisation.</summary>
    public async Task HandleAsync(IReadOnlyList<AssetChanged> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var org in batch.GroupBy(c => c.Organisation, StringComparer.Ordinal))
        {
            using var activity = DriftTelemetry.ActivitySource.StartActivity("drift.reconcile");
            var ids = org.Select(c => c.AssetId).Distinct(StringComparer.Ordinal).ToList();
            activity?.SetTag("qlrf.organisation", org.Key);
            activity?.SetTag("qlrf.assets", ids.Count);
            var changed = await store.ReconcileAssetsAsync(org.Key, ids, cancellationToken);
            DriftTelemetry.AssetsReconciled.Add(ids.Count);
            DriftTelemetry.DriftChanged.Add(changed, new KeyValuePair<string, object?>("cause", "asset_change"));
            DriftLogs.Reconciled(logger, ids.Count, org.Key, changed);
        }
    }

    /// <summary>Re-evaluates the assets of a family (after a transition marked it), then tells the listeners (compliance) the family changed.</summary>
    public async Task<int> ReevaluateAsync(string organisation, string family, CancellationToken cancellationToken)
    {
        using var activity = DriftTelemetry.ActivitySource.StartActivity("drift.reevaluate");
        activity?.SetTag("qlrf.organisation", organisation);
        activity?.SetTag("qlrf.family", family);
        var started = Stopwatch.GetTimestamp();
        var changed = await store.ReevaluateFamilyAsync(organisation, family, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        DriftTelemetry.ReevaluationDuration.Record(elapsed.TotalSeconds);
        DriftTelemetry.DriftChanged.Add(changed, new KeyValuePair<string, object?>("cause", "promotion"));
        DriftLogs.Reevaluated(logger, family, organisation, changed, (long)elapsed.TotalMilliseconds);
        foreach (var listener in listeners ?? [])
        {
            await listener.ImageFamilyChangedAsync(organisation, family, cancellationToken);
        }

        return changed;
    }

    /// <summary>Re-evaluates every family still marked (a host stopped between a transition and its re-evaluation).</summary>
    public async Task<int> ReevaluatePendingAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ListPendingAsync(cancellationToken);
        foreach (var (organisation, family) in pending)
        {
            await ReevaluateAsync(organisation, family, cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>The organisation's RAG thresholds: its own, or the configured defaults.</summary>
    public async Task<RagThresholds> ThresholdsAsync(string organisation, CancellationToken cancellationToken) =>
        await store.GetThresholdsAsync(organisation, cancellationToken) ?? options.Value.Thresholds;

    /// <summary>Snapshots the organisation's summaries now. A daily snapshot replaces the same day's.</summary>
    public async Task<DriftSnapshot> TakeSnapshotAsync(string organisation, SnapshotTrigger trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var thresholds = await ThresholdsAsync(organisation, cancellationToken);
        var summaries = await store.GetSummariesAsync(organisation, cancellationToken);
        var id = trigger == SnapshotTrigger.Daily
            ? "daily-" + now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "on-demand-" + now.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var rows = summaries.Select(s => new SnapshotRow(s.Key, DriftSummary.From(s.Value, now, thresholds))).ToList();
        var snapshot = new DriftSnapshot(organisation, id, now, trigger, rows);
        await store.SaveSnapshotAsync(snapshot, cancellationToken);
        DriftTelemetry.Snapshots.Add(1, new KeyValuePair<string, object?>("trigger", trigger.ToString()));
        DriftLogs.SnapshotTaken(logger, trigger, id, organisation, rows.Count);
        return snapshot;
    }

    /// <summary>The daily timer's function: finishes pending re-evaluations, snapshots every organisation, prunes old snapshots.</summary>
    public async Task RunDailySnapshotsAsync(CancellationToken cancellationToken)
    {
        await ReevaluatePendingAsync(cancellationToken);
        foreach (var organisation in await store.ListOrganisationsAsync(cancellationToken))
        {
            await TakeSnapshotAsync(organisation, SnapshotTrigger.Daily, cancellationToken);
        }

        var before = time.GetUtcNow() - TimeSpan.FromDays(options.Value.SnapshotRetentionDays);
        var pruned = await store.PruneSnapshotsAsync(before, cancellationToken);
        if (pruned > 0)
        {
            DriftLogs.SnapshotsPruned(logger, pruned, before);
        }
    }
}
