using System.Text.Json;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Json;

namespace Qlrf.Messaging.StorageQueues;

/// <summary>
/// Publishes asset changes to the Storage queue, one message per change (its JSON, well under the 64 KB limit), with
/// up to <see cref="StorageQueueOptions.PublishConcurrency"/> sends at once. A change sent twice (a retried publish) is
/// applied once: processing is idempotent by event id and asset version.
/// </summary>
public sealed class StorageQueueAssetChangePublisher(AssetChangeQueues queues, IOptions<StorageQueueOptions> options) : IAssetChangePublisher
{
    /// <summary>A message's time to live: it never expires (a Storage queue's default is 7 days), so a backlog loses nothing.</summary>
    public static readonly TimeSpan Forever = TimeSpan.FromSeconds(-1);

    public async Task PublishAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var queue = await queues.QueueAsync(cancellationToken);
        await Parallel.ForEachAsync(
            changes,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.PublishConcurrency, CancellationToken = cancellationToken },
            async (change, ct) => await queue.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(change, QlrfJson.Options)), timeToLive: Forever, cancellationToken: ct));
    }
}
