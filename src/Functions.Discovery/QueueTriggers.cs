using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Qlrf.Discovery;
using Qlrf.Messaging.StorageQueues;

namespace Qlrf.Functions.Discovery;

/// <summary>
/// Azure glue: the asset-change queue's Queue trigger (one message per invocation; host.json's <c>queues</c> sets the
/// batch, visibility timeout and max dequeue count), forwarded to the registered queue function through
/// <see cref="StorageQueueDelivery"/>, which dead-letters into the poison queue with the error. The connection is
/// <see cref="StorageQueueAssetChanges.Connection"/> written out: infra's settings are checked against this text.
/// </summary>
internal sealed class QueueTriggers(StorageQueueDelivery delivery)
{
    [Function(nameof(AssetChangeFunctions.ApplyAsync))]
    public Task ApplyAsync(
        [QueueTrigger("%QLRF_ASSET_CHANGES_QUEUE%", Connection = "AssetChangesQueue")] QueueMessage message,
        CancellationToken cancellationToken) =>
        delivery.HandleAsync(nameof(AssetChangeFunctions.ApplyAsync), message, cancellationToken);
}
