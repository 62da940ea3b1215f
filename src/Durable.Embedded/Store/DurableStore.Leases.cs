using Microsoft.Data.Sqlite;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Leases: taking ready instances and activities, renewing leases, and reclaiming a dead process's leases.</summary>
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

    /// <summary>Leases up to <paramref name="max"/> activities that nobody holds (or whose lease has expired).</summary>
    public Task<List<ActivityWorkItem>> LeaseActivitiesAsync(int max, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var lockMs = (long)Options.LockTimeout.TotalMilliseconds;
        return WriteAsync((s, now) =>
        {
            var lease = s.Get("""
                UPDATE durable_activities SET lock_token = $t, lock_expires_at = $exp, dispatch_count = dispatch_count + 1
                WHERE id IN (
                    SELECT id FROM durable_activities WHERE lock_expires_at = 0
                    UNION ALL
                    SELECT id FROM durable_activities WHERE lock_expires_at > 0 AND lock_expires_at <= $now
                    LIMIT $n)
                RETURNING id, instance_id, generation, task_id, name, input, dispatch_count
                """);
            lease.Add("$t", token).Add("$exp", now + lockMs).Add("$now", now).Add("$n", max);
            var items = new List<ActivityWorkItem>();
            using var reader = lease.ExecuteReader();
            while (reader.Read())
            {
                items.Add(new ActivityWorkItem(
                    reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
                    reader.StringOrNull(5), token, reader.GetInt32(6)));
            }

            items.Sort((a, b) => a.Id.CompareTo(b.Id));
            return items;
        }, cancellationToken);
    }

    /// <summary>Extends the leases still held; returns how many were renewed.</summary>
    public Task<int> RenewAsync(IReadOnlyCollection<(string InstanceId, long Token)> instances, IReadOnlyCollection<(long Id, long Token)> activities, CancellationToken cancellationToken)
    {
        var lockMs = (long)Options.LockTimeout.TotalMilliseconds;
        return WriteAsync((s, now) =>
        {
            var renewed = 0;
            foreach (var (instanceId, token) in instances)
            {
                renewed += s.Execute(
                    "UPDATE durable_instances SET lock_expires_at = $exp WHERE instance_id = $i AND lock_token = $t",
                    ("$exp", now + lockMs), ("$i", instanceId), ("$t", token));
            }

            foreach (var (id, token) in activities)
            {
                renewed += s.Execute(
                    "UPDATE durable_activities SET lock_expires_at = $exp WHERE id = $id AND lock_token = $t",
                    ("$exp", now + lockMs), ("$id", id), ("$t", token));
            }

            return renewed;
        }, cancellationToken);
    }

    /// <summary>
    /// Releases every lease in the store. The store belongs to one process at a time, so at start-up every lease
    /// is a dead process's: its work is taken over at once rather than when the leases would expire.
    /// </summary>
    public Task<(int Instances, int Activities)> ReclaimAsync(CancellationToken cancellationToken) =>
        WriteAsync((s, _) =>
        {
            var instances = s.Execute("""
                UPDATE durable_instances SET lock_token = NULL, lock_expires_at = 0
                WHERE instance_id IN (SELECT instance_id FROM durable_instances WHERE ready_at IS NOT NULL) AND lock_expires_at > 0
                """);
            var activities = s.Execute("UPDATE durable_activities SET lock_token = NULL, lock_expires_at = 0 WHERE lock_expires_at > 0");
            return (instances, activities);
        }, cancellationToken);

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
                SELECT m.*, row_number() OVER (PARTITION BY m.instance_id ORDER BY m.id) AS position
                FROM durable_messages AS m
                WHERE m.instance_id IN (SELECT value FROM json_each($ids)) AND m.visible_at <= $now)
            WHERE position <= $n
            ORDER BY instance_id, id
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
