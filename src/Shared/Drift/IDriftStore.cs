using Qlrf.Inventory;
using Qlrf.Paging;

namespace Qlrf.Drift;

/// <summary>
/// Drift as the engine maintains it: one row per asset and the summaries those rows add up to, kept
/// incrementally (never aggregated at read time), plus snapshots and each organisation's thresholds.
/// Upkeep is reconciliation: each call compares the stored rows with the current inventory and
/// registry and applies the difference, so it is idempotent and heals after a crash.
/// </summary>
public interface IDriftStore
{
    /// <summary>
    /// Re-evaluates the given assets against the inventory's current state (an asset removed or never
    /// seen leaves drift) and applies the change to the summaries, in one transaction.
    /// Returns how many assets' drift changed.
    /// </summary>
    Task<int> ReconcileAssetsAsync(string organisation, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken);

    /// <summary>Re-evaluates every asset of a family (through the index by family) and clears its re-evaluation mark.</summary>
    Task<int> ReevaluateFamilyAsync(string organisation, string family, CancellationToken cancellationToken);

    /// <summary>Families marked for re-evaluation (by a transition) and not yet re-evaluated.</summary>
    Task<IReadOnlyList<(string Organisation, string Family)>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>Every summary group of the organisation with its counters.</summary>
    Task<IReadOnlyDictionary<DriftGroup, DriftCounters>> GetSummariesAsync(string organisation, CancellationToken cancellationToken);

    Task<AssetDrift?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken);

    /// <summary>Outdated assets, longest behind first (then by id), filtered and paged.</summary>
    Task<Page<AssetDrift>> ListOutdatedAsync(string organisation, DriftFilter filter, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>Assets running the given version of a family, by id.</summary>
    Task<Page<AssetDrift>> ListRunningAsync(string organisation, string family, string version, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>The organisation's thresholds, or null when it uses the defaults.</summary>
    Task<RagThresholds?> GetThresholdsAsync(string organisation, CancellationToken cancellationToken);

    Task SetThresholdsAsync(string organisation, RagThresholds thresholds, string actor, CancellationToken cancellationToken);

    /// <summary>Stores a snapshot. A daily snapshot for a day that has one already replaces it.</summary>
    Task SaveSnapshotAsync(DriftSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Snapshots taken in [from, to], oldest first, with only the rows of <paramref name="dimension"/>.</summary>
    Task<IReadOnlyList<DriftSnapshot>> ListSnapshotsAsync(string organisation, DateTimeOffset from, DateTimeOffset to, DriftDimension dimension, CancellationToken cancellationToken);

    /// <summary>Deletes snapshots taken before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneSnapshotsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Organisations that have drift (summaries).</summary>
    Task<IReadOnlyList<string>> ListOrganisationsAsync(CancellationToken cancellationToken);
}

/// <summary>Filters for outdated assets; every given filter must match.</summary>
public sealed record DriftFilter
{
    public string? Environment { get; init; }

    public string? Site { get; init; }

    public Platform? Platform { get; init; }

    public string? Family { get; init; }
}
