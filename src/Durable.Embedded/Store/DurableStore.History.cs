using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Reading history: whole, for a replay, or in summary, for operators.</summary>
internal sealed partial class DurableStore
{
    /// <summary>The current generation's history, in order (what a replay reads).</summary>
    public List<HistoryEvent> LoadHistory(string instanceId)
    {
        using var connection = database.OpenRead();
        using var command = Sql.Command(connection, null, "SELECT events FROM durable_history WHERE instance_id = $i ORDER BY seq");
        command.Add("$i", instanceId);
        var events = new List<HistoryEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            HistoryCodec.Read(reader.GetString(0), events);
        }

        return events;
    }

    public OrchestrationHistorySummary? GetHistorySummary(string instanceId, int recentEvents)
    {
        using var connection = database.OpenRead();
        int generation;
        using (var instance = Sql.Command(connection, null, "SELECT generation FROM durable_instances WHERE instance_id = $i"))
        {
            instance.Add("$i", instanceId);
            if (instance.ExecuteScalar() is not long g)
            {
                return null;
            }

            generation = (int)g;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var count = Sql.Command(connection, null, """
            SELECT e.value ->> 'k', count(*) FROM durable_history AS h, json_each(h.events) AS e WHERE h.instance_id = $i GROUP BY 1
            """))
        {
            count.Add("$i", instanceId);
            using var reader = count.ExecuteReader();
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var recent = new List<HistoryEventSummary>();
        using (var last = Sql.Command(connection, null, """
            SELECT h.seq + e.key, e.value ->> 'k', e.value ->> 't', e.value ->> 'n', e.value ->> 'at'
            FROM durable_history AS h, json_each(h.events) AS e WHERE h.instance_id = $i ORDER BY 1 DESC LIMIT $n
            """))
        {
            last.Add("$i", instanceId).Add("$n", recentEvents);
            using var reader = last.ExecuteReader();
            while (reader.Read())
            {
                recent.Add(new HistoryEventSummary(reader.GetInt32(0), reader.GetString(1), reader.Int32OrNull(2), reader.StringOrNull(3), Sql.Time(reader.GetInt64(4))));
            }
        }

        recent.Reverse();
        return new OrchestrationHistorySummary(generation, counts.Values.Sum(), counts, recent);
    }
}
