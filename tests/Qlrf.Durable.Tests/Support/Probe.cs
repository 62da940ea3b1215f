using Microsoft.Data.Sqlite;
using Qlrf.Json;

namespace Qlrf.Durable.Tests.Support;

/// <summary>Looks into the runtime's tables, and writes into them what a test needs to stage.</summary>
internal static class Probe
{
    /// <summary>The current generation's history, event by event.</summary>
    public static List<HistoryEvent> History(DurableHost host, string instanceId) => host.Store.LoadHistory(instanceId);

    /// <summary>The stored history rows (one per step): where each starts, how many events, and the events.</summary>
    public static List<(int Seq, int Count, List<HistoryEvent> Events)> Steps(DurableHost host, string instanceId)
    {
        using var connection = host.Database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, event_count, events FROM durable_history WHERE instance_id = $i ORDER BY seq";
        command.Parameters.AddWithValue("$i", instanceId);
        var steps = new List<(int, int, List<HistoryEvent>)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var events = new List<HistoryEvent>();
            HistoryCodec.Read(reader.GetString(2), events);
            steps.Add((reader.GetInt32(0), reader.GetInt32(1), events));
        }

        return steps;
    }

    public static long Scalar(DurableHost host, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = host.Database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Puts a message straight into an instance's inbox, as a late or stray delivery would, and wakes the dispatcher.</summary>
    public static async Task InjectAsync(DurableHost host, string instanceId, int? generation, MessageKind kind, int taskId = -1, string? data = null)
    {
        await host.Database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO durable_messages (instance_id, generation, kind, task_id, data, visible_at, created_at)
                VALUES ($i, $g, $k, $t, $d, 0, 0)
                """;
            command.Parameters.AddWithValue("$i", instanceId);
            command.Parameters.AddWithValue("$g", (object?)generation ?? DBNull.Value);
            command.Parameters.AddWithValue("$k", EnumText<MessageKind>.Of(kind));
            command.Parameters.AddWithValue("$t", taskId < 0 ? DBNull.Value : taskId);
            command.Parameters.AddWithValue("$d", (object?)data ?? DBNull.Value);
            command.ExecuteNonQuery();
        }, CancellationToken.None);
        host.Store.OrchestrationWork.Set();
    }

    public static bool Has(this IEnumerable<HistoryEvent> history, HistoryEventKind kind, int taskId = -1) =>
        history.Any(e => e.Kind == kind && (taskId < 0 || e.TaskId == taskId));

    public static SqliteConnection Read(DurableHost host) => host.Database.OpenRead();
}
