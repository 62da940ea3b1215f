using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Qlrf.Messaging;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>
/// A durable queue in the store: messages are enqueued inside a caller's write transaction (an outbox),
/// received with a visibility timeout and a receipt, completed or abandoned by receipt, and moved to
/// the dead-letter table after the maximum number of deliveries.
/// </summary>
public sealed class SqliteQueue(SqliteDatabase database, string name, QueueOptions options, TimeProvider time, ILogger logger)
{
    public string Name { get; } = name;

    /// <summary>Adds messages within the caller's transaction. Call <see cref="Notify"/> after it commits.</summary>
    public void Enqueue(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<(string Organisation, string Body)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = SqliteValues.ToUnixMs(time.GetUtcNow());
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO queue_messages (queue, org, body, enqueued_at, visible_at) VALUES ($q, $org, $body, $now, $now)";
        command.Add("$q", Name);
        command.Add("$now", now);
        var org = command.Add("$org", string.Empty);
        var body = command.Add("$body", string.Empty);
        command.Prepare();
        foreach (var (organisation, text) in messages)
        {
            org.Value = organisation;
            body.Value = text;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Wakes this queue's consumers in this process.</summary>
    public void Notify() => database.Signal("queue:" + Name).Set();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        database.Signal("queue:" + Name).WaitAsync(timeout, time, cancellationToken);

    public Task<IReadOnlyList<RawDelivery>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var now = SqliteValues.ToUnixMs(time.GetUtcNow());
        var until = now + (long)options.VisibilityTimeout.TotalMilliseconds;
        var receipt = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        return database.WriteAsync<IReadOnlyList<RawDelivery>>((connection, transaction) =>
        {
            DeadLetterExhausted(connection, transaction, now, maxMessages);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE queue_messages
                SET visible_at = $until, delivery_count = delivery_count + 1, receipt = $receipt
                WHERE id IN (SELECT id FROM queue_messages WHERE queue = $q AND visible_at <= $now ORDER BY id LIMIT $n)
                RETURNING id, org, body, delivery_count, enqueued_at
                """;
            command.Add("$until", until);
            command.Add("$receipt", receipt);
            command.Add("$q", Name);
            command.Add("$now", now);
            command.Add("$n", maxMessages);
            var deliveries = new List<RawDelivery>(maxMessages);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    deliveries.Add(new RawDelivery(reader.GetInt64(0), receipt, reader.GetInt32(3), reader.GetString(1), reader.GetString(2), reader.GetTime(4)));
                }
            }

            deliveries.Sort((a, b) => a.MessageId.CompareTo(b.MessageId));
            return deliveries;
        }, cancellationToken);
    }

    /// <summary>Removes delivered messages. A receipt that no longer matches (the lease expired and the message went to another consumer) removes nothing.</summary>
    public Task CompleteAsync(IEnumerable<(long MessageId, string Receipt)> deliveries, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM queue_messages WHERE id = $id AND receipt = $receipt";
            var id = command.Add("$id", 0L);
            var receipt = command.Add("$receipt", string.Empty);
            command.Prepare();
            foreach (var (messageId, r) in deliveries)
            {
                id.Value = messageId;
                receipt.Value = r;
                command.ExecuteNonQuery();
            }
        }, cancellationToken);

    /// <summary>Releases a delivery for a later retry, or dead-letters it when its deliveries are used up.</summary>
    public Task AbandonAsync(long messageId, string receipt, int deliveryCount, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var backoff = TimeSpan.FromTicks(Math.Min(
            TimeSpan.FromMinutes(1).Ticks,
            options.RetryDelay.Ticks * (1L << Math.Min(deliveryCount - 1, 16))));
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE queue_messages SET visible_at = $at, receipt = NULL, last_error = $error WHERE id = $id AND receipt = $receipt";
            command.Add("$at", SqliteValues.ToUnixMs(now + backoff));
            command.Add("$error", error);
            command.Add("$id", messageId);
            command.Add("$receipt", receipt);
            if (command.ExecuteNonQuery() == 1 && deliveryCount >= options.MaxDeliveries)
            {
                foreach (var (id, deliveries, reason) in MoveToDeadLetters(connection, transaction, "id = $id", c => c.Add("$id", messageId), SqliteValues.ToUnixMs(now)))
                {
                    StoreLogs.DeadLettered(logger, id, Name, deliveries, reason);
                }
            }
        }, cancellationToken);
    }

    /// <summary>Makes messages leased by a previous, stopped host visible at once. Call only while no consumer runs.</summary>
    public async Task<int> ReclaimInFlightAsync(CancellationToken cancellationToken)
    {
        var now = SqliteValues.ToUnixMs(time.GetUtcNow());
        var count = await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE queue_messages SET visible_at = $now, receipt = NULL WHERE queue = $q AND receipt IS NOT NULL AND visible_at > $now";
            command.Add("$now", now);
            command.Add("$q", Name);
            return command.ExecuteNonQuery();
        }, cancellationToken);
        if (count > 0)
        {
            StoreLogs.Reclaimed(logger, count);
            Notify();
        }

        return count;
    }

    public Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
              (SELECT count(*) FROM queue_messages WHERE queue = $q AND visible_at <= $now),
              (SELECT count(*) FROM queue_messages WHERE queue = $q AND visible_at > $now),
              (SELECT count(*) FROM queue_dead_letters WHERE queue = $q)
            """;
        command.Add("$q", Name);
        command.Add("$now", SqliteValues.ToUnixMs(time.GetUtcNow()));
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new QueueDepth(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    public Task<Page<DeadLetter>> ListDeadLettersAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, org, body, delivery_count, last_error, enqueued_at, dead_lettered_at
            FROM queue_dead_letters
            WHERE org = $org AND queue = $q AND id < $after
            ORDER BY id DESC LIMIT $n
            """;
        command.Add("$org", organisation);
        command.Add("$q", Name);
        command.Add("$after", afterId is null ? long.MaxValue : long.Parse(afterId, CultureInfo.InvariantCulture));
        command.Add("$n", limit + 1);
        var items = new List<DeadLetter>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new DeadLetter(reader.GetInt64(0), Name, reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetTime(5), reader.GetTime(6)));
        }

        return Task.FromResult(Paging(items, limit, d => d.MessageId.ToString(CultureInfo.InvariantCulture)));
    }

    internal static Page<T> Paging<T>(List<T> items, int limit, Func<T, string> key)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(limit);
        return new Page<T>(items, key(items[^1]));
    }

    /// <summary>Among the messages this receive would deliver, dead-letters those whose deliveries are used up.</summary>
    private void DeadLetterExhausted(SqliteConnection connection, SqliteTransaction transaction, long now, int maxMessages)
    {
        var moved = MoveToDeadLetters(
            connection,
            transaction,
            "id IN (SELECT id FROM queue_messages WHERE queue = $q AND visible_at <= $now ORDER BY id LIMIT $n) AND delivery_count >= $max",
            c =>
            {
                c.Add("$q", Name);
                c.Add("$now", now);
                c.Add("$n", maxMessages);
                c.Add("$max", options.MaxDeliveries);
            },
            now);
        foreach (var (id, deliveries, error) in moved)
        {
            StoreLogs.DeadLettered(logger, id, Name, deliveries, error);
        }
    }

    private List<(long Id, int Deliveries, string Error)> MoveToDeadLetters(
        SqliteConnection connection, SqliteTransaction transaction, string where, Action<SqliteCommand> bind, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM queue_messages WHERE {where}
            RETURNING id, queue, org, body, enqueued_at, delivery_count, coalesce(last_error, 'no error recorded')
            """;
        bind(command);
        var rows = new List<(long, string, string, string, long, int, string)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetString(6)));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR REPLACE INTO queue_dead_letters (id, queue, org, body, enqueued_at, dead_lettered_at, delivery_count, last_error)
            VALUES ($id, $queue, $org, $body, $enq, $now, $count, $error)
            """;
        var result = new List<(long, int, string)>(rows.Count);
        foreach (var (id, queue, org, body, enqueued, count, error) in rows)
        {
            insert.Parameters.Clear();
            insert.Add("$id", id);
            insert.Add("$queue", queue);
            insert.Add("$org", org);
            insert.Add("$body", body);
            insert.Add("$enq", enqueued);
            insert.Add("$now", now);
            insert.Add("$count", count);
            var reason = count >= options.MaxDeliveries ? $"{error} (dead-lettered after {count} deliveries)" : error;
            insert.Add("$error", reason);
            insert.ExecuteNonQuery();
            result.Add((id, count, reason));
        }

        return result;
    }
}

/// <summary>A delivery as the store holds it: the body is still text.</summary>
public sealed record RawDelivery(long MessageId, string Receipt, int DeliveryCount, string Organisation, string Body, DateTimeOffset EnqueuedAt);
