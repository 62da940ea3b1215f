namespace Qlrf.Triggers;

/// <summary>
/// How either queue (the embedded one, Service Bus) hands a received batch to its <see cref="QueueFunction"/>:
/// unreadable messages are rejected; the rest are applied together and completed; if that fails, each is applied
/// on its own, so one bad message is abandoned (and in the end dead-lettered) without holding up the rest.
/// </summary>
public static class QueueBatch
{
    public static async Task ProcessAsync<TDelivery>(
        IReadOnlyList<TDelivery> batch,
        Func<TDelivery, object?> read,
        Func<IReadOnlyList<object>, CancellationToken, Task> apply,
        Func<IReadOnlyList<TDelivery>, CancellationToken, Task> complete,
        Func<TDelivery, string, CancellationToken, Task> abandon,
        Func<TDelivery, string, CancellationToken, Task> reject,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(complete);
        ArgumentNullException.ThrowIfNull(abandon);
        ArgumentNullException.ThrowIfNull(reject);
        var readable = new List<(TDelivery Delivery, object Message)>(batch.Count);
        foreach (var delivery in batch)
        {
            if (read(delivery) is { } message)
            {
                readable.Add((delivery, message));
            }
            else
            {
                await reject(delivery, "The message body is not readable as the queue's message type.", cancellationToken);
            }
        }

        if (readable.Count == 0)
        {
            return;
        }

        try
        {
            await apply(readable.ConvertAll(r => r.Message), cancellationToken);
            await complete(readable.ConvertAll(r => r.Delivery), cancellationToken);
            return;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && readable.Count > 1)
        {
            // Find the bad message(s): apply one at a time.
        }

        foreach (var (delivery, message) in readable)
        {
            try
            {
                await apply([message], cancellationToken);
                await complete([delivery], cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await abandon(delivery, ex.Message, cancellationToken);
            }
        }
    }
}
