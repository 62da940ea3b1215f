using Qlrf.Errors;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>Finds the executor that changes an asset: by the source that discovered it and its platform.</summary>
public sealed class RolloutExecutors(IEnumerable<IPlatformExecutor> executors, IInventoryStore inventory)
{
    public IPlatformExecutor For(string source, Platform platform) =>
        executors.FirstOrDefault(e => e.Handles(source, platform))
            ?? throw new ExecutorException($"No executor changes assets of source '{source}' on {Json.EnumText<Platform>.Of(platform)}.");

    /// <summary>The live asset, as the inventory holds it; an executor error when it is gone.</summary>
    public async Task<InventoryAsset> AssetAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        var asset = await inventory.GetAssetAsync(organisation, assetId, cancellationToken);
        return asset is { RemovedAt: null }
            ? asset
            : throw new ExecutorException($"Asset '{assetId}' is not in the inventory{(asset is null ? string.Empty : " any more")}.", new NotFoundException(assetId));
    }
}
