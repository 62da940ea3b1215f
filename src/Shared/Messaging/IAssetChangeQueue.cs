using Qlrf.Discovery;
using Qlrf.Paging;

namespace Qlrf.Messaging;

/// <summary>
/// The consumer side of the asset-change queue. Events are enqueued by <see cref="IDiscoveryStore.CommitSweepAsync"/>
/// (the outbox). A received message is invisible for the visibility timeout; completing it removes it, and
/// a message delivered more than the maximum number of times is moved to the dead-letter table.
/// </summary>
public interface IAssetChangeQueue : IDeadLetters
{
    Task<IReadOnlyList<QueueDelivery<AssetChanged>>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken);

    Task CompleteAsync(IReadOnlyCollection<QueueDelivery<AssetChanged>> deliveries, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again (or dead-letters it after the last allowed delivery), recording the error.</summary>
    Task AbandonAsync(QueueDelivery<AssetChanged> delivery, string error, CancellationToken cancellationToken);

    /// <summary>Waits until a message may be available, or the timeout passes.</summary>
    Task WaitForMessagesAsync(TimeSpan timeout, CancellationToken cancellationToken);

    Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The messages a queue gave up on, for the API: the embedded queue's dead-letter table, or on Azure the Service Bus
/// queue's dead-letter sub-queue.
/// </summary>
public interface IDeadLetters
{
    /// <summary>The organisation's dead letters, newest first, after (older than) the message id <paramref name="afterId"/>.</summary>
    Task<Page<DeadLetter>> ListDeadLettersAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken);
}

/// <summary>
/// One delivery of a message. <see cref="Message"/> is null when the body could not be read; the raw
/// body is kept so it can be dead-lettered as it was.
/// </summary>
public sealed record QueueDelivery<T>(
    long MessageId,
    string Receipt,
    int DeliveryCount,
    string Organisation,
    T? Message,
    string Body,
    DateTimeOffset EnqueuedAt)
    where T : class;

/// <summary>Messages waiting, in flight, and dead-lettered.</summary>
public sealed record QueueDepth(long Visible, long InFlight, long DeadLettered);

/// <summary>A message that could not be processed, with its last error.</summary>
public sealed record DeadLetter(
    long MessageId,
    string Queue,
    string Organisation,
    string Body,
    int DeliveryCount,
    string LastError,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset DeadLetteredAt);
