using Microsoft.Data.Sqlite;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Leasing ready instances with their inboxes, and when the next one comes due.</summary>
internal sealed partial class DurableStore
{
    /// <summary>Leases up to <paramref name="max"/> instances whose inbox has a visible message, with those messages.</summary>
    public Task<List<OrchestrationWorkItem>> LeaseOrchestrationsAsync(int max, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var lockMs = (long)Options.LockTimeout.TotalMilliseconds;
        var perStep = Options.MaxMessagesPerStep;
        return WriteAsync((s, now) =>
        {
            var instances = new List<InstanceRecord>();
            var lease = s.Get("""
                UPDATE durable_instances SET lock_token = $t, lock_expires_at = $exp, dispatch_count = dispatch_count + 1
                WHERE instance_id IN (
                    SELECT instance_id FROM durable_instances WHERE ready_at <= $now AND lock_expires_at <= $now ORDER BY ready_at LIMIT $n)
                RETURNING instance_id, name, status, generation, input, custom_status, history_count, dispatch_count, last_error,
                    parent_instance_id, parent_name, parent_generation, parent_task_id
                """);
            lease.Add("$t", token).Add("$exp", now + lockMs).Add("$now", now).Add("$n", max);
            using (var reader = lease.ExecuteReader())
            {
                while (reader.Read())
                {
                    instances.Add(ReadInstance(reader));
                }
            }

            var inboxes = ReadInboxes(s, instances, now, perStep);
            return instances.ConvertAll(i => new OrchestrationWorkItem(i, token, inboxes.GetValueOrDefault(i.InstanceId) ?? []));
        }, cancellationToken);
    }

    /// <summary>
    /// When the next instance becomes ready in the future (a timer comes due), if any. Instances ready now but
    /// leased are left out: the dispatcher hears when their steps finish.
    /// </summary>
    public DateTimeOffset? NextReadyAfter(DateTimeOffset now)
    {
        using var connection = database.OpenRead();
        using var command = Sql.Command(connection, null, "SELECT min(ready_at) FROM durable_instances WHERE ready_at > $now");
        command.Add("$now", Sql.Ms(now));
        return command.ExecuteScalar() is long ms ? Sql.Time(ms) : null;
    }

    /// <summary>The visible inbox of each leased instance, oldest first, at most <paramref name="max"/> messages each.</summary>
    private static Dictionary<string, List<InboxMessage>> ReadInboxes(Statements s, List<InstanceRecord> instances, long now, int max)
    {
        var inboxes = new Dictionary<string, List<InboxMessage>>(StringComparer.Ordinal);
        if (instances.Count == 0)
        {
            return inboxes;
        }

        using var ids = new JsonRows();
        foreach (var instance in instances)
        {
            ids.Value(instance.InstanceId);
        }

        var command = s.Get("""
            SELECT instance_id, id, generation, kind, task_id, name, data, failure, visible_at FROM (
                SELECT m.*, row_number() OVER (PARTITION BY m.instance_id ORDER BY m.visible_at, m.id) AS position
                FROM durable_messages AS m
                WHERE m.instance_id IN (SELECT value FROM json_each($ids)) AND m.visible_at <= $now)
            WHERE position <= $n
            ORDER BY instance_id, position
            """);
        command.Add("$ids", ids.Build()).Add("$now", now).Add("$n", max);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var instanceId = reader.GetString(0);
            if (!inboxes.TryGetValue(instanceId, out var inbox))
            {
                inboxes[instanceId] = inbox = [];
            }

            inbox.Add(new InboxMessage(reader.GetInt64(1), EnumText<MessageKind>.Parse(reader.GetString(3)), reader.Int32OrNull(2))
            {
                TaskId = reader.Int32OrNull(4) ?? -1,
                Name = reader.StringOrNull(5),
                Data = reader.StringOrNull(6),
                Failure = Sql.ReadFailure(reader.StringOrNull(7)),
                VisibleAt = Sql.Time(reader.GetInt64(8)),
            });
        }

        return inboxes;
    }

    private static InstanceRecord ReadInstance(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), EnumText<OrchestrationRuntimeStatus>.Parse(reader.GetString(2)), reader.GetInt32(3))
        {
            Input = reader.StringOrNull(4),
            CustomStatus = reader.StringOrNull(5),
            HistoryCount = reader.GetInt32(6),
            DispatchCount = reader.GetInt32(7),
            LastError = reader.StringOrNull(8),
            Parent = reader.IsDBNull(9) ? null : new ParentLink(reader.GetString(9), reader.StringOrNull(10) ?? string.Empty, reader.GetInt32(11), reader.GetInt32(12)),
        };
}
