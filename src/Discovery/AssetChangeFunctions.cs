using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Discovery;

/// <summary>
/// The asset-change queue's function: applies <see cref="AssetChanged"/> events to the inventory, then
/// runs the work that follows it (drift upkeep) over the whole batch. It is idempotent, so the
/// at-least-once delivery of either queue (embedded or Service Bus) is safe.
/// </summary>
public sealed class AssetChangeFunctions(IInventoryStore inventory, IEnumerable<IAssetChangeHandler> handlers, ILogger<AssetChangeFunctions> logger)
{
    /// <summary>The app setting naming the asset-change queue (Service Bus on Azure).</summary>
    public const string QueueSetting = "QLRF_ASSET_CHANGES_QUEUE";

    /// <summary>The queue's name where the setting is absent.</summary>
    public const string DefaultQueueName = "asset-changes";

    public async Task<IReadOnlyList<AppliedChange>> ApplyAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var activity = DiscoveryTelemetry.ActivitySource.StartActivity("inventory.apply");
        activity?.SetTag("qlrf.changes", changes.Count);
        var applied = await inventory.ApplyAsync(changes, cancellationToken);
        DiscoveryTelemetry.ChangesApplied.Add(applied.Count);
        DiscoveryTelemetry.ChangesSkipped.Add(changes.Count - applied.Count);
        DiscoveryLogs.ChangesApplied(logger, applied.Count, changes.Count);
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(changes, cancellationToken);
        }

        return applied;
    }
}
