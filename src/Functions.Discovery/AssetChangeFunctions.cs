using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Functions.Discovery;

/// <summary>
/// The asset-change queue's function: applies <see cref="AssetChanged"/> events to the inventory. It is
/// idempotent, so the at-least-once delivery of either queue (embedded or Service Bus) is safe.
/// </summary>
public sealed class AssetChangeFunctions(IInventoryStore inventory, ILogger<AssetChangeFunctions> logger)
{
    public async Task<IReadOnlyList<AppliedChange>> ApplyAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var activity = DiscoveryTelemetry.ActivitySource.StartActivity("inventory.apply");
        activity?.SetTag("qlrf.changes", changes.Count);
        var applied = await inventory.ApplyAsync(changes, cancellationToken);
        DiscoveryTelemetry.ChangesApplied.Add(applied.Count);
        DiscoveryTelemetry.ChangesSkipped.Add(changes.Count - applied.Count);
        DiscoveryLogs.ChangesApplied(logger, applied.Count, changes.Count);
        return applied;
    }
}
