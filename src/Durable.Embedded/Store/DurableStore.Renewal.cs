using Qlrf.Json;

namespace Qlrf.Durable;

/// <summary>Activity leases, lease renewal, and reclaiming a dead process's leases at start-up.</summary>
internal sealed partial class DurableStore
{
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
}
