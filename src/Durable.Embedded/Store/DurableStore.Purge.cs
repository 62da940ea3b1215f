using System.Globalization;
using System.Text;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Purges: deleting terminal instances with everything they left.</summary>
internal sealed partial class DurableStore
{
    /// <summary>Rows deleted per transaction, so that a large purge never holds the writer for long.</summary>
    private const int PurgeBatch = 500;

    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Deletes one terminal instance. Returns its status before (null if there was none) and whether it was purged.</summary>
    public Task<(OrchestrationRuntimeStatus? Status, bool Purged)> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        WriteAsync((s, _) =>
        {
            var status = StatusOf(s, instanceId);
            if (status is not { } found || !found.IsTerminal())
            {
                return (status, false);
            }

            Delete(s, instanceId);
            return (status, true);
        }, cancellationToken);

    /// <summary>Deletes the terminal instances created in the filter's range with one of its statuses.</summary>
    public Task<int> PurgeAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken)
    {
        var statuses = filter.Statuses is { Count: > 0 } given ? given.Distinct().ToArray() : TerminalStatuses;
        var live = statuses.Where(s => !s.IsTerminal()).Select(Sql.Text).ToList();
        if (live.Count > 0)
        {
            throw new ArgumentException($"Only terminal instances can be purged; {string.Join(", ", live)} is not a terminal status.", nameof(filter));
        }

        var where = new StringBuilder();
        where.Append(CultureInfo.InvariantCulture, $"status IN ({string.Join(", ", statuses.Select(s => $"'{Sql.Text(s)}'"))})");
        if (filter.CreatedFrom is { } from)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND created_at >= {Sql.Ms(from)}");
        }

        if (filter.CreatedTo is { } to)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND created_at < {Sql.Ms(to)}");
        }

        return PurgeWhereAsync(where.ToString(), cancellationToken);
    }

    /// <summary>Deletes the terminal instances that finished before <paramref name="cutoff"/> (the retention purge).</summary>
    public Task<int> PurgeCompletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        PurgeWhereAsync(
            FormattableString.Invariant($"completed_at < {Sql.Ms(cutoff)} AND status IN ({string.Join(", ", TerminalStatuses.Select(s => $"'{Sql.Text(s)}'"))})"),
            cancellationToken);

    private async Task<int> PurgeWhereAsync(string where, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var purged = await WriteAsync((s, _) =>
            {
                var ids = new List<string>(PurgeBatch);
                var find = s.Get($"SELECT instance_id FROM durable_instances WHERE {where} LIMIT {PurgeBatch}");
                using (var reader = find.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    Delete(s, id);
                }

                return ids.Count;
            }, cancellationToken);
            total += purged;
            if (purged < PurgeBatch)
            {
                return total;
            }
        }
    }

    private static void Delete(Statements s, string instanceId)
    {
        DeleteInstanceData(s, instanceId);
        s.Execute("DELETE FROM durable_instances WHERE instance_id = $i", ("$i", instanceId));
    }
}
