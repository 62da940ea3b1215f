using Qlrf.Discovery;

namespace Qlrf.Inventory;

/// <summary>
/// Work that follows the inventory: after each batch of asset changes is applied, every handler sees
/// the whole batch, applied and skipped events alike (a redelivered event is skipped by the inventory,
/// but the work that should have followed it may not have happened). Handlers must be idempotent; one
/// that throws fails the batch, which is then redelivered.
/// </summary>
public interface IAssetChangeHandler
{
    Task HandleAsync(IReadOnlyList<AssetChanged> batch, CancellationToken cancellationToken);
}
