using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Drift;
using Qlrf.Tenancy;

namespace Qlrf.Compliance.Engine;

/// <summary>
/// The daily timer's function: every organisation (those with drift, and the default one) is re-evaluated in full and
/// each framework's standing is stored as the day's snapshot (taken again the same day, it replaces the day's).
/// </summary>
public sealed class ComplianceSnapshots(
    ComplianceEngine engine,
    IComplianceStore store,
    IDriftStore drift,
    IOptions<TenancyOptions> tenancy,
    TimeProvider time,
    ILogger<ComplianceSnapshots> logger)
{
    /// <summary>The app setting holding the daily snapshot's schedule; where absent, <c>Qlrf:Compliance:SnapshotSchedule</c>.</summary>
    public const string SnapshotScheduleSetting = "QLRF_COMPLIANCE_SNAPSHOT_SCHEDULE";

    public async Task RunDailyComplianceSnapshotsAsync(CancellationToken cancellationToken)
    {
        var organisations = (await drift.ListOrganisationsAsync(cancellationToken)).Append(tenancy.Value.DefaultOrganisation).Distinct(StringComparer.Ordinal);
        foreach (var organisation in organisations)
        {
            await TakeAsync(organisation, cancellationToken);
        }
    }

    /// <summary>Re-evaluates the organisation and stores today's snapshot of every framework.</summary>
    public async Task<IReadOnlyList<ComplianceSnapshot>> TakeAsync(string organisation, CancellationToken cancellationToken)
    {
        await engine.RefreshAsync(organisation, cancellationToken);
        var now = time.GetUtcNow();
        var snapshots = new List<ComplianceSnapshot>();
        foreach (var result in await engine.EvaluateAllAsync(organisation, [], cancellationToken))
        {
            var snapshot = new ComplianceSnapshot(
                organisation,
                result.Framework.Id,
                result.Framework.Version,
                DateOnly.FromDateTime(now.UtcDateTime),
                now,
                result.Passing,
                result.Failing,
                result.Manual,
                result.Score,
                result.Controls.ToDictionary(c => c.ControlId, c => c.Outcome, StringComparer.Ordinal));
            await store.SaveSnapshotAsync(snapshot, cancellationToken);
            snapshots.Add(snapshot);
        }

        ComplianceLogs.SnapshotTaken(logger, organisation, snapshots.Count);
        return snapshots;
    }
}
