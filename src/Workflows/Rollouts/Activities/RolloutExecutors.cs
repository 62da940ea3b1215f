using Qlrf.Errors;
using Qlrf.Execution;
using Qlrf.Inventory;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>Finds the executor that changes an asset: by the source that discovered it and its platform.</summary>
public sealed class RolloutExecutors(IEnumerable<IPlatformExecutor> executors, IInventoryStore inventory)
{
    public IPlatformExecutor For(string source, Platform platform) =>
        Find(source, platform) ?? throw new ExecutorException($"No executor changes assets of source '{source}' on {Json.EnumText<Platform>.Of(platform)}.");

    /// <summary>What a rollout to the target asks of each asset's executor: the change, and what undoes it.</summary>
    public static IReadOnlyList<ExecutorOperation> OperationsFor(RolloutTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsImage ? [ExecutorOperation.ApplyImage] : [ExecutorOperation.ApplyPatchSet, ExecutorOperation.RemovePatchSet];
    }

    /// <summary>Why assets of the source on the platform cannot take these operations, or null when their executor does them all.</summary>
    public string? CannotChange(string source, Platform platform, IReadOnlyList<ExecutorOperation> operations) =>
        CannotChange(source, platform, null, operations);

    /// <summary>Why the asset (of the source on the platform) cannot take these operations, or null when its executor does them all to it.</summary>
    public string? CannotChange(string source, Platform platform, string? assetId, IReadOnlyList<ExecutorOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (Find(source, platform) is not { } executor)
        {
            return NoExecutor(source, platform);
        }

        foreach (var operation in operations)
        {
            var support = assetId is null ? executor.Supports(operation) : executor.Supports(operation, assetId);
            if (support is { IsSupported: false } refused)
            {
                return refused.Reason ?? $"the executor of source '{source}' on {Json.EnumText<Platform>.Of(platform)} does not support {operation}";
            }
        }

        return null;
    }

    /// <summary>The live asset, as the inventory holds it; an executor error when it is gone.</summary>
    public async Task<InventoryAsset> AssetAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        var asset = await inventory.GetAssetAsync(organisation, assetId, cancellationToken);
        return asset is { RemovedAt: null }
            ? asset
            : throw new ExecutorException($"Asset '{assetId}' is not in the inventory{(asset is null ? string.Empty : " any more")}.", new NotFoundException(assetId));
    }

    private IPlatformExecutor? Find(string source, Platform platform) => executors.FirstOrDefault(e => e.Handles(source, platform));

    private static string NoExecutor(string source, Platform platform) =>
        $"no executor changes assets of source '{source}' on {Json.EnumText<Platform>.Of(platform)}";
}
