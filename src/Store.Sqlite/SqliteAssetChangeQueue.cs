using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Json;
using Qlrf.Messaging;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>The asset-change queue on the embedded store.</summary>
public sealed class SqliteAssetChangeQueue : IAssetChangeQueue
{
    public const string QueueName = "asset-changes";

    private readonly Lazy<SqliteQueue> queue;

    public SqliteAssetChangeQueue(SqliteDatabase database, IOptions<QueueOptions> options, TimeProvider time, ILogger<SqliteAssetChangeQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Options are read on first use, after start-up validation has had its say.
        queue = new Lazy<SqliteQueue>(() => new SqliteQueue(database, QueueName, options.Value, time, logger));
    }

    internal SqliteQueue Queue => queue.Value;

    /// <summary>Enqueues events inside a sweep's commit (the outbox).</summary>
    internal void Enqueue(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<AssetChanged> changes) =>
        Queue.Enqueue(connection, transaction, changes.Select(c => (c.Organisation, JsonSerializer.Serialize(c, QlrfJson.Options))));

    internal void Notify() => Queue.Notify();

    public async Task<IReadOnlyList<QueueDelivery<AssetChanged>>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var raw = await Queue.ReceiveAsync(maxMessages, cancellationToken);
        return raw.Select(d => new QueueDelivery<AssetChanged>(d.MessageId, d.Receipt, d.DeliveryCount, d.Organisation, TryRead(d.Body), d.Body, d.EnqueuedAt)).ToList();
    }

    public Task CompleteAsync(IReadOnlyCollection<QueueDelivery<AssetChanged>> deliveries, CancellationToken cancellationToken) =>
        Queue.CompleteAsync(deliveries.Select(d => (d.MessageId, d.Receipt)), cancellationToken);

    public Task AbandonAsync(QueueDelivery<AssetChanged> delivery, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Queue.AbandonAsync(delivery.MessageId, delivery.Receipt, delivery.DeliveryCount, error, cancellationToken);
    }

    public Task WaitForMessagesAsync(TimeSpan timeout, CancellationToken cancellationToken) => Queue.WaitAsync(timeout, cancellationToken);

    public Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken) => Queue.GetDepthAsync(cancellationToken);

    public Task<Page<DeadLetter>> ListDeadLettersAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken) =>
        Queue.ListDeadLettersAsync(organisation, limit, afterId, cancellationToken);

    /// <summary>Makes messages a stopped host left in flight visible again.</summary>
    public Task<int> ReclaimInFlightAsync(CancellationToken cancellationToken) => Queue.ReclaimInFlightAsync(cancellationToken);

    private static AssetChanged? TryRead(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<AssetChanged>(body, QlrfJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
