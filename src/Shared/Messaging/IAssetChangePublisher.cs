using Qlrf.Discovery;

namespace Qlrf.Messaging;

/// <summary>
/// Sends committed <see cref="AssetChanged"/> events to the asset-change queue where the queue is not the store (on
/// Azure, Service Bus). At least once: a store relays a commit's events again after a crash, and processing is
/// idempotent by asset version.
/// </summary>
public interface IAssetChangePublisher
{
    Task PublishAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken);
}
