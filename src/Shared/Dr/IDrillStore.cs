using Qlrf.Paging;

namespace Qlrf.Dr;

/// <summary>
/// Drills, keyed by organisation and id: their records (status and phase), their reports, each pair's last
/// drill with a verdict, and which drill holds a pair (one live drill per pair).
/// </summary>
public interface IDrillStore
{
    /// <summary>
    /// Records a new drill and makes it the pair's live drill, atomically. When a drill with this id exists it is
    /// returned as it is (a retried request); when another drill holds the pair, that one is returned as <see cref="DrillStart.Busy"/>.
    /// </summary>
    Task<DrillStart> TryStartAsync(DrillRecord drill, CancellationToken cancellationToken);

    Task<DrillRecord?> GetAsync(string organisation, string drillId, CancellationToken cancellationToken);

    /// <summary>Drills newest first, optionally of one pair, a page at a time.</summary>
    Task<Page<DrillRecord>> ListAsync(string organisation, string? pairId, int limit, string? afterId, CancellationToken cancellationToken);

    /// <summary>Applies a progress update if it is newer than the last applied; false if not (a redelivery).</summary>
    Task<bool> UpdateProgressAsync(DrillProgressUpdate update, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the report and finishes the drill: its final status and measurements, the pair's last drill (when it
    /// ran to a verdict and was not a dry run), and the pair freed. False if it was finished before (a redelivery).
    /// </summary>
    Task<bool> FinishAsync(DrillReport report, CancellationToken cancellationToken);

    Task<DrillReport?> GetReportAsync(string organisation, string drillId, CancellationToken cancellationToken);

    /// <summary>The pair's last drill with a verdict, or null.</summary>
    Task<LastDrill?> GetLastDrillAsync(string organisation, string pairId, CancellationToken cancellationToken);

    /// <summary>Finishes a drill whose orchestration ended without a report (terminated), so it no longer holds its pair.</summary>
    Task AbandonAsync(string organisation, string drillId, string reason, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>The result of starting a drill: started, already there (same id), or the pair busy with another.</summary>
public sealed record DrillStart(DrillRecord Drill, DrillStartResult Result);

public enum DrillStartResult
{
    Started,
    Exists,
    Busy,
}
