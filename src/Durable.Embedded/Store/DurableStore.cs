using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Durable;

/// <summary>
/// The runtime's tables on the embedded store. Every change is one write transaction through
/// <see cref="SqliteDatabase.WriteAsync{T}"/>; reads use pooled connections. Writes that give work to a dispatcher
/// signal it in-process once they commit.
/// </summary>
internal sealed partial class DurableStore(SqliteDatabase database, TimeProvider time, IOptions<DurableOptions> options)
{
    private readonly Dictionary<string, SqliteCommand> writerCommands = new(StringComparer.Ordinal);
    private long nextToken = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public SqliteDatabase Database => database;

    public DurableOptions Options => options.Value;

    /// <summary>Wakes the orchestration dispatcher: an inbox received a message.</summary>
    public AsyncSignal OrchestrationWork => database.Signal("durable:orchestrations");

    /// <summary>Wakes the activity dispatcher: an activity was scheduled.</summary>
    public AsyncSignal ActivityWork => database.Signal("durable:activities");

    /// <summary>The current time, to the millisecond the store keeps.</summary>
    public DateTimeOffset Now() => Sql.Time(Sql.Ms(time.GetUtcNow()));

    private long NewToken() => Interlocked.Increment(ref nextToken);

    /// <summary>Inserts a message into a live instance's inbox (or nothing, if the instance or its generation is gone).</summary>
    private static bool Enqueue(Statements statements, OutboundMessage message, long now)
    {
        var command = statements.Get($"""
            INSERT INTO durable_messages (instance_id, generation, kind, task_id, name, data, failure, visible_at, created_at)
            SELECT $i, $g, $k, $t, $n, $d, $f, $v, $now
            WHERE EXISTS (SELECT 1 FROM durable_instances WHERE instance_id = $i AND status IN ({Sql.LiveStatuses}) AND ($g IS NULL OR generation = $g))
            """);
        command.Add("$i", message.InstanceId).Add("$g", message.Generation).Add("$k", Sql.Text(message.Kind))
            .Add("$t", message.TaskId < 0 ? null : message.TaskId).Add("$n", message.Name).Add("$d", message.Data)
            .Add("$f", Sql.Write(message.Failure)).Add("$v", message.VisibleAt is { } at ? Sql.Ms(at) : now).Add("$now", now);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Creates an instance with its ExecutionStarted message, or starts a terminal one afresh under the same id
    /// (a new generation, its old history gone). Returns the status of a live instance that holds the id instead.
    /// </summary>
    internal static OrchestrationRuntimeStatus? CreateInstance(
        Statements statements, string instanceId, string name, string? input, ParentLink? parent, long now)
    {
        var created = statements.Get("""
            INSERT INTO durable_instances (instance_id, name, status, generation, input, created_at, updated_at, ready_at,
                parent_instance_id, parent_name, parent_generation, parent_task_id)
            VALUES ($i, $n, $s, 0, $in, $now, $now, $now, $pi, $pn, $pg, $pt)
            ON CONFLICT (instance_id) DO NOTHING
            """)
            .Add("$i", instanceId).Add("$n", name).Add("$s", Sql.Text(OrchestrationRuntimeStatus.Pending)).Add("$in", input).Add("$now", now)
            .Add("$pi", parent?.InstanceId).Add("$pn", parent?.Name).Add("$pg", parent?.Generation).Add("$pt", parent?.TaskId)
            .ExecuteNonQuery() == 1;
        var generation = 0;
        if (!created)
        {
            var find = statements.Get("SELECT status, generation FROM durable_instances WHERE instance_id = $i");
            find.Add("$i", instanceId);
            using (var reader = find.ExecuteReader())
            {
                reader.Read();
                var status = Json.EnumText<OrchestrationRuntimeStatus>.Parse(reader.GetString(0));
                if (!status.IsTerminal())
                {
                    return status;
                }

                generation = reader.GetInt32(1) + 1;
            }

            DeleteInstanceData(statements, instanceId);
            statements.Get("""
                UPDATE durable_instances SET name = $n, status = $s, generation = $g, input = $in, output = NULL, custom_status = NULL,
                    failure = NULL, created_at = $now, updated_at = $now, completed_at = NULL, parent_instance_id = $pi, parent_name = $pn,
                    parent_generation = $pg, parent_task_id = $pt, history_count = 0, ready_at = $now, lock_token = NULL,
                    lock_expires_at = 0, dispatch_count = 0, last_error = NULL
                WHERE instance_id = $i
                """)
                .Add("$i", instanceId).Add("$n", name).Add("$s", Sql.Text(OrchestrationRuntimeStatus.Pending)).Add("$g", generation).Add("$in", input)
                .Add("$now", now).Add("$pi", parent?.InstanceId).Add("$pn", parent?.Name).Add("$pg", parent?.Generation).Add("$pt", parent?.TaskId)
                .ExecuteNonQuery();
        }

        statements.Get("""
            INSERT INTO durable_messages (instance_id, generation, kind, visible_at, created_at) VALUES ($i, $g, $k, $now, $now)
            """)
            .Add("$i", instanceId).Add("$g", generation).Add("$k", Sql.Text(MessageKind.ExecutionStarted)).Add("$now", now)
            .ExecuteNonQuery();
        return null;
    }

    /// <summary>Deletes an instance's history, inbox and activities (not its row).</summary>
    private static void DeleteInstanceData(Statements statements, string instanceId)
    {
        statements.Execute("DELETE FROM durable_history WHERE instance_id = $i", ("$i", instanceId));
        statements.Execute("DELETE FROM durable_messages WHERE instance_id = $i", ("$i", instanceId));
        statements.Execute("DELETE FROM durable_activities WHERE instance_id = $i", ("$i", instanceId));
    }

    private Task<T> WriteAsync<T>(Func<Statements, long, T> work, CancellationToken cancellationToken)
    {
        var now = Sql.Ms(time.GetUtcNow());
        return database.WriteAsync((connection, transaction) =>
        {
            return work(new Statements(connection, transaction, writerCommands), now);
        }, cancellationToken);
    }
}
