namespace Qlrf.Compliance;

/// <summary>
/// Current check results per organisation and check instance (one row per object, keyed by organisation, instance
/// and object id), and a daily snapshot per framework. Shaped for Table Storage: an instance's objects share a
/// partition; no aggregates are computed by the store.
/// </summary>
public interface IComplianceStore
{
    /// <summary>Replaces every object of the instance with <paramref name="results"/> and records the full evaluation's time.</summary>
    Task ReplaceAsync(string organisation, string instanceKey, DateTimeOffset evaluatedAt, IReadOnlyList<CheckObjectResult> results, CancellationToken cancellationToken);

    /// <summary>Applies an incremental change: upserts and removals of single objects; the instance's evaluation time stays.</summary>
    Task ApplyAsync(string organisation, string instanceKey, CheckDelta delta, CancellationToken cancellationToken);

    /// <summary>When the instance was last evaluated in full, or null if never.</summary>
    Task<CheckRun?> GetRunAsync(string organisation, string instanceKey, CancellationToken cancellationToken);

    /// <summary>Every object of the instance, in object id order.</summary>
    Task<IReadOnlyList<CheckObjectResult>> ListAsync(string organisation, string instanceKey, CancellationToken cancellationToken);

    /// <summary>The instance's objects in one scope (an image family), in object id order.</summary>
    Task<IReadOnlyList<CheckObjectResult>> ListScopeAsync(string organisation, string instanceKey, string scope, CancellationToken cancellationToken);

    /// <summary>Stores a snapshot; a snapshot of the same organisation, framework and day replaces it.</summary>
    Task SaveSnapshotAsync(ComplianceSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Snapshots of the framework for days in [from, to], oldest first.</summary>
    Task<IReadOnlyList<ComplianceSnapshot>> ListSnapshotsAsync(string organisation, string frameworkId, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
