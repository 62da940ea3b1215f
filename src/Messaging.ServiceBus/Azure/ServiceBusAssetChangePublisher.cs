using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Qlrf.Discovery;
using Qlrf.Json;

namespace Qlrf.Messaging.ServiceBus;

/// <summary>
/// Azure glue: publishes asset changes to the Service Bus queue, session-less, in as few batches as fit (each message
/// is one event as JSON, message id = event id, the organisation as an application property). Service Bus
/// dead-letters a message after the queue's max delivery count.
/// </summary>
public sealed class ServiceBusAssetChangePublisher(ServiceBusClient client, AssetChangeQueueName queue) : IAssetChangePublisher, IAsyncDisposable
{
    private readonly ServiceBusSender sender = client.CreateSender(queue.Name);

    public async Task PublishAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var pending = new Queue<ServiceBusMessage>(changes.Select(ToMessage));
        while (pending.Count > 0)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"Asset change {pending.Peek().MessageId} is larger than a Service Bus message may be.");
            }

            await sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => sender.DisposeAsync();

    private static ServiceBusMessage ToMessage(AssetChanged change) =>
        new(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(change, QlrfJson.Options)))
        {
            MessageId = change.EventId.ToString(),
            ContentType = "application/json",
            Subject = nameof(AssetChanged),
            ApplicationProperties = { [ServiceBusAssetChanges.OrganisationProperty] = change.Organisation },
        };
}
