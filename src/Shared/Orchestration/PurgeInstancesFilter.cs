namespace Qlrf.Orchestration;

/// <summary>
/// Which instances a bulk purge deletes: created in [<see cref="CreatedFrom"/>, <see cref="CreatedTo"/>) and in one of
/// <see cref="Statuses"/>, all of which must be terminal (default all terminal statuses).
/// </summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge deleted.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
