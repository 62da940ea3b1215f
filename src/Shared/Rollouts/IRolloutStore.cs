using Qlrf.Paging;

namespace Qlrf.Rollouts;

/// <summary>
/// Rollouts, their plans and per-asset results, and the organisation's policy exceptions. Every key starts
/// with the organisation; a rollout's rows share its partition (organisation and rollout id).
/// </summary>
public interface IRolloutStore
{
    /// <summary>
    /// Stores a new rollout. When the organisation already has one with the same idempotency key, that one
    /// is returned instead and nothing is written.
    /// </summary>
    Task<(Rollout Rollout, bool Created)> CreateAsync(Rollout rollout, CancellationToken cancellationToken);

    Task<Rollout?> GetAsync(string organisation, string rolloutId, CancellationToken cancellationToken);

    /// <summary>Rollouts, newest first, a page at a time.</summary>
    Task<Page<Rollout>> ListAsync(string organisation, RolloutFilter filter, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>The family's rollouts created since the given time (for the risk of the next one).</summary>
    Task<IReadOnlyList<Rollout>> ListByFamilyAsync(string organisation, string family, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Changes a rollout atomically (read, change, write); throws <see cref="Errors.NotFoundException"/> when there is none.</summary>
    Task<Rollout> UpdateAsync(string organisation, string rolloutId, Func<Rollout, Rollout> change, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the plan: its stages, a pending result for each asset in it, and the rollout as changed, in one
    /// transaction. Saving the same plan again changes nothing (results already recorded are kept).
    /// </summary>
    Task<Rollout> SavePlanAsync(
        string organisation, string rolloutId, IReadOnlyList<RolloutStage> stages, IReadOnlyList<RolloutAssetResult> assets, Func<Rollout, Rollout> change, CancellationToken cancellationToken);

    /// <summary>The plan's stages, canary first; empty before planning.</summary>
    Task<IReadOnlyList<RolloutStage>> GetStagesAsync(string organisation, string rolloutId, CancellationToken cancellationToken);

    /// <summary>Records asset results (replacing each asset's earlier one) and, if given, the rollout's progress, in one transaction.</summary>
    Task SaveResultsAsync(string organisation, string rolloutId, IReadOnlyList<RolloutAssetResult> results, RolloutProgress? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Records how far an asset's change has come (its executor's latest report) on its result, leaving the rest of the
    /// result as it is; an asset that is not in the rollout's plan is left alone.
    /// </summary>
    Task SaveProgressAsync(string organisation, string rolloutId, string assetId, string progress, DateTimeOffset at, CancellationToken cancellationToken);

    Task<RolloutAssetResult?> GetResultAsync(string organisation, string rolloutId, string assetId, CancellationToken cancellationToken);

    /// <summary>Every asset's result, in plan order.</summary>
    Task<IReadOnlyList<RolloutAssetResult>> ListResultsAsync(string organisation, string rolloutId, CancellationToken cancellationToken);

    /// <summary>Grants (or replaces) a policy exception for a target.</summary>
    Task<PolicyExceptionGrant> GrantExceptionAsync(PolicyExceptionGrant grant, CancellationToken cancellationToken);

    /// <summary>Removes the exception for a target; false if there was none.</summary>
    Task<bool> RevokeExceptionAsync(string organisation, string target, CancellationToken cancellationToken);

    Task<IReadOnlyList<PolicyExceptionGrant>> ListExceptionsAsync(string organisation, CancellationToken cancellationToken);
}

/// <summary>Filters for listing rollouts; every given filter must match.</summary>
public sealed record RolloutFilter
{
    public RolloutStatus? Status { get; init; }

    public string? ImageFamily { get; init; }

    public string? RequestedBy { get; init; }
}
