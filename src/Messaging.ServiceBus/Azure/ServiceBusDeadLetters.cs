using System.Globalization;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Qlrf.Messaging;
using Qlrf.Paging;

namespace Qlrf.Messaging.ServiceBus;

/// <summary>
/// Azure glue: the asset-change queue's dead letters read from its Service Bus dead-letter sub-queue by peeking
/// (nothing is received or settled). The message id is the sequence number; the organisation is the
/// <c>organisation</c> application property the publisher sets (else read from the body). Service Bus records no
/// dead-letter time, so <see cref="DeadLetter.DeadLetteredAt"/> is when the message was enqueued. Peeks at most
/// <see cref="MaxPeeked"/> messages per call, newest first as the API lists them.
/// </summary>
public sealed class ServiceBusDeadLetters(ServiceBusClient client, AssetChangeQueueName queue) : IDeadLetters, IAsyncDisposable
{
    public const int MaxPeeked = 10_000;

    private readonly ServiceBusReceiver receiver = client.CreateReceiver(queue.Name, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

    public async Task<Page<DeadLetter>> ListDeadLettersAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var before = afterId is null ? long.MaxValue : long.Parse(afterId, CultureInfo.InvariantCulture);
        var mine = new List<DeadLetter>();
        long? from = null;
        for (var peeked = 0; peeked < MaxPeeked;)
        {
            var batch = await receiver.PeekMessagesAsync(250, from, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            peeked += batch.Count;
            from = batch[^1].SequenceNumber + 1;
            mine.AddRange(batch.Where(m => m.SequenceNumber < before && OrganisationOf(m) == organisation).Select(ToDeadLetter));
        }

        var page = mine.OrderByDescending(d => d.MessageId).Take(limit + 1).ToList();
        return page.Count <= limit
            ? new Page<DeadLetter>(page, null)
            : new Page<DeadLetter>(page[..limit], page[limit - 1].MessageId.ToString(CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync() => receiver.DisposeAsync();

    private DeadLetter ToDeadLetter(ServiceBusReceivedMessage m) => new(
        m.SequenceNumber,
        queue.Name,
        OrganisationOf(m) ?? string.Empty,
        m.Body.ToString(),
        m.DeliveryCount,
        m.DeadLetterErrorDescription ?? (m.ApplicationProperties.TryGetValue("qlrf-last-error", out var error) ? error?.ToString() : null) ?? m.DeadLetterReason ?? string.Empty,
        m.EnqueuedTime,
        m.EnqueuedTime);

    private static string? OrganisationOf(ServiceBusReceivedMessage m)
    {
        if (m.ApplicationProperties.TryGetValue(ServiceBusAssetChanges.OrganisationProperty, out var org) && org is string s)
        {
            return s;
        }

        try
        {
            using var body = JsonDocument.Parse(m.Body.ToMemory());
            return body.RootElement.TryGetProperty("organisation", out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
