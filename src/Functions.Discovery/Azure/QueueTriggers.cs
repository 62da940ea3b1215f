using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace Qlrf.Functions.Discovery.AzureFunctions;

/// <summary>
/// Azure glue: the asset-change queue's Service Bus trigger (session-less, batched, settled by us), forwarded to the
/// registered queue function through <see cref="ServiceBusQueueRunner"/>. Service Bus dead-letters a message after
/// the queue's max delivery count.
/// </summary>
internal sealed class QueueTriggers(ServiceBusQueueRunner queues)
{
    [Function(nameof(AssetChangeFunctions.ApplyAsync))]
    public Task ApplyAsync(
        [QueueTrigger("%QLRF_ASSET_CHANGES_QUEUE%", Connection = "AssetChangesQueue")] ServiceBusReceivedMessage[] messages,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken) =>
        queues.RunAsync(nameof(AssetChangeFunctions.ApplyAsync), messages, actions, cancellationToken);
}
