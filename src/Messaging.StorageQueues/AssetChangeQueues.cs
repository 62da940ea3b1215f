using Azure.Storage.Queues;

namespace Qlrf.Messaging.StorageQueues;

/// <summary>
/// The asset-change queue and its poison queue. Messages are Base64 text, as the Queue trigger reads them by default
/// (host.json <c>messageEncoding</c>): the service client is made with <see cref="ClientOptions"/>. Both queues are
/// created on first use if missing (infra creates them too); a failed attempt is tried again next time.
/// </summary>
public sealed class AssetChangeQueues(QueueServiceClient service, string queueName)
{
    private readonly QueueClient queue = service.GetQueueClient(queueName);
    private readonly QueueClient poison = service.GetQueueClient(PoisonNameOf(queueName));
    private volatile bool created;

    public string Name => queue.Name;

    public string PoisonName => poison.Name;

    /// <summary>The options every client of these queues is made with: Base64 messages.</summary>
    public static QueueClientOptions ClientOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>The poison queue's name, as the Queue trigger makes it.</summary>
    public static string PoisonNameOf(string queueName) => queueName + "-poison";

    public async Task<QueueClient> QueueAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return queue;
    }

    public async Task<QueueClient> PoisonAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return poison;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!created)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            created = true;
        }
    }
}
