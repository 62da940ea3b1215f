using System.Globalization;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Qlrf.Paging;

namespace Qlrf.Messaging.StorageQueues;

/// <summary>
/// The asset-change queue's dead letters: its poison queue, read by receiving its messages in pages of 32 (a Storage
/// queue can peek only its first 32), each held hidden until the listing has read them all, up to
/// <see cref="StorageQueueOptions.MaxDeadLettersRead"/>, then made visible again; nothing is deleted. Two listings at the same moment may each
/// miss what the other holds for those milliseconds. Newest first; a dead letter's id is the second it was written and a
/// hash of its message id (see <c>IdOf</c>), so ids are stable, ordered and distinct.
/// </summary>
public sealed class PoisonQueueDeadLetters(AssetChangeQueues queues, IOptions<StorageQueueOptions> options) : IDeadLetters
{
    /// <summary>How long a message read for a listing stays hidden if making it visible again fails.</summary>
    public static readonly TimeSpan ReadHold = TimeSpan.FromSeconds(30);

    public async Task<Page<DeadLetter>> ListDeadLettersAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var before = afterId is null ? long.MaxValue : long.Parse(afterId, CultureInfo.InvariantCulture);
        var poison = await queues.PoisonAsync(cancellationToken);
        var settings = options.Value;
        var mine = new List<DeadLetter>();
        var held = new Dictionary<string, QueueMessage>(StringComparer.Ordinal);
        try
        {
            // Each message read stays hidden until the listing ends: made visible at once, the next receive would
            // return the same first messages again and the rest never.
            while (held.Count < settings.MaxDeadLettersRead)
            {
                QueueMessage[] batch = (await poison.ReceiveMessagesAsync(Math.Min(32, settings.MaxDeadLettersRead - held.Count), ReadHold, cancellationToken)).Value;
                var fresh = batch.Where(m => held.TryAdd(m.MessageId, m)).ToList();
                if (fresh.Count == 0)
                {
                    // Nothing left, or only messages read earlier whose hold ran out.
                    break;
                }

                foreach (var message in fresh)
                {
                    var inserted = message.InsertedOn ?? DateTimeOffset.UnixEpoch;
                    var dead = PoisonMessage.Read(message.Body.ToString(), inserted, settings.MaxDeliveries);
                    var id = IdOf(message.MessageId, inserted);
                    if (dead.Organisation == organisation && id < before)
                    {
                        mine.Add(new DeadLetter(id, queues.Name, dead.Organisation, dead.Body, dead.DeliveryCount, dead.LastError, dead.EnqueuedAt, dead.DeadLetteredAt));
                    }
                }

                foreach (var message in batch.Where(m => !fresh.Contains(m)))
                {
                    held[message.MessageId] = message;
                }
            }
        }
        finally
        {
            // Visible again for the next reader; a failure here only hides these messages for ReadHold.
            await Parallel.ForEachAsync(
                held.Values,
                new ParallelOptions { MaxDegreeOfParallelism = 32 },
                async (m, ct) => await poison.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct));
        }

        var page = mine.OrderByDescending(d => d.MessageId).Take(limit + 1).ToList();
        return page.Count <= limit
            ? new Page<DeadLetter>(page, null)
            : new Page<DeadLetter>(page[..limit], page[limit - 1].MessageId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The second the message was written (all a Storage queue reports: its time is to the second) in the high bits, and
    /// 31 bits of a hash of its message id: stable, newest first, and distinct unless two ids of one second share a hash.
    /// </summary>
    private static long IdOf(string messageId, DateTimeOffset inserted) => (inserted.ToUnixTimeSeconds() << 31) | (Fnv1a(messageId) & 0x7FFF_FFFF);

    /// <summary>A hash of a message id that is the same in every process (string.GetHashCode is not).</summary>
    private static long Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
