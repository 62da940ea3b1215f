using Qlrf.Discovery;
using Qlrf.Paging;

namespace Qlrf.Inventory;

/// <summary>The inventory: assets as the asset-change processor last applied them, their history, and sites.</summary>
public interface IInventoryStore
{
    /// <summary>Lists live assets in id order, after the given id.</summary>
    Task<Page<InventoryAsset>> QueryAssetsAsync(string organisation, AssetFilter filter, int limit, string? afterId, CancellationToken cancellationToken);

    /// <summary>Gets an asset, including one that has been removed; null if never seen.</summary>
    Task<InventoryAsset?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken);

    /// <summary>The asset's applied changes, newest first.</summary>
    Task<IReadOnlyList<AssetHistoryEntry>> GetHistoryAsync(string organisation, string assetId, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Site>> ListSitesAsync(string organisation, CancellationToken cancellationToken);

    Task<InventoryFacets> GetFacetsAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>
    /// Applies changes idempotently: an event whose version is not newer than the asset's current version
    /// changes nothing. Returns what was applied, with the asset's previous state.
    /// </summary>
    Task<IReadOnlyList<AppliedChange>> ApplyAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken);
}

/// <summary>A change the inventory applied, and the asset as it was before (null if it was new).</summary>
public sealed record AppliedChange(AssetChanged Change, InventoryAsset? Previous);
