using Qlrf.Inventory;
using Qlrf.Paging;

namespace Qlrf.Discovery;

/// <summary>Sweep runs, each source's snapshot, and the atomic commit of a sweep with its outbox of events.</summary>
public interface IDiscoveryStore
{
    /// <summary>Records a new running sweep. Throws <see cref="Errors.ConflictException"/> if the source is already sweeping.</summary>
    Task StartRunAsync(SweepRun run, CancellationToken cancellationToken);

    /// <summary>The source's snapshot: asset id to hash and version, tombstones included.</summary>
    Task<IReadOnlyDictionary<string, SnapshotEntry>> LoadSnapshotAsync(string organisation, string source, CancellationToken cancellationToken);

    /// <summary>The snapshot content of the given assets.</summary>
    Task<IReadOnlyDictionary<string, Asset>> LoadSnapshotAssetsAsync(string organisation, string source, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken);

    /// <summary>Writes the finished run, sites, snapshot rows and queued events in one transaction.</summary>
    Task CommitSweepAsync(SweepCommit commit, CancellationToken cancellationToken);

    /// <summary>Finishes a run that wrote nothing (a failed sweep).</summary>
    Task FinishRunAsync(SweepRun run, CancellationToken cancellationToken);

    Task<SweepRun?> GetRunAsync(string organisation, string runId, CancellationToken cancellationToken);

    /// <summary>Runs, newest first.</summary>
    Task<Page<SweepRun>> ListRunsAsync(string organisation, string? source, int limit, string? afterId, CancellationToken cancellationToken);

    /// <summary>The last finished run of each source of the organisation.</summary>
    Task<IReadOnlyList<SweepRun>> LatestRunsAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>The last run of each source of the organisation that succeeded (read every scope).</summary>
    Task<IReadOnlyList<SweepRun>> LatestSucceededRunsAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>Marks runs left running by a host that stopped as failed. Returns how many.</summary>
    Task<int> FailInterruptedRunsAsync(string reason, DateTimeOffset at, CancellationToken cancellationToken);
}
