using Qlrf.Store.Sqlite;

namespace Qlrf.Durable;

/// <summary>
/// Tables of the embedded durable runtime.
/// <list type="bullet">
/// <item><c>durable_instances</c>: one row per instance: status, input, output, custom status, its current
/// generation (ContinueAsNew count), its lock (token and expiry) and <c>ready_at</c>, the earliest visible_at of its
/// inbox, indexed only while it has one, so that a store full of finished instances costs the dispatcher nothing.</item>
/// <item><c>durable_history</c>: the event-sourced history of each instance's current generation, one row per step
/// (OrchestratorStarted … OrchestratorCompleted as a JSON array); <c>seq</c> is the position of the step's first event.</item>
/// <item><c>durable_messages</c>: each instance's inbox (starts, task results, events, control messages);
/// durable timers are messages whose <c>visible_at</c> is the fire time. Ids are never reused: a step deletes
/// exactly the messages it consumed.</item>
/// <item><c>durable_activities</c>: scheduled activity calls, leased by token with an expiry.</item>
/// </list>
/// </summary>
internal static class DurableSchema
{
    public const string Module = "durable";

    public static readonly SchemaMigration V1 = new(Module, 1, """
        CREATE TABLE durable_instances (
            instance_id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            generation INTEGER NOT NULL,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            parent_instance_id TEXT,
            parent_name TEXT,
            parent_generation INTEGER,
            parent_task_id INTEGER,
            history_count INTEGER NOT NULL DEFAULT 0,
            ready_at INTEGER,
            lock_token INTEGER,
            lock_expires_at INTEGER NOT NULL DEFAULT 0,
            dispatch_count INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE INDEX ix_durable_instances_ready ON durable_instances (ready_at) WHERE ready_at IS NOT NULL;
        CREATE INDEX ix_durable_instances_created ON durable_instances (created_at, instance_id);
        CREATE INDEX ix_durable_instances_status ON durable_instances (status, created_at, instance_id);
        CREATE INDEX ix_durable_instances_name ON durable_instances (name, created_at, instance_id);
        CREATE INDEX ix_durable_instances_completed ON durable_instances (completed_at) WHERE completed_at IS NOT NULL;
        CREATE INDEX ix_durable_instances_parent ON durable_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

        CREATE TABLE durable_history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            generation INTEGER NOT NULL,
            event_count INTEGER NOT NULL,
            events TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (instance_id, seq)
        );

        CREATE TABLE durable_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            generation INTEGER,
            kind TEXT NOT NULL,
            task_id INTEGER,
            name TEXT,
            data TEXT,
            failure TEXT,
            visible_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX ix_durable_messages_instance ON durable_messages (instance_id, visible_at);

        -- A message makes its instance ready at its visible_at, unless it already was by then.
        CREATE TRIGGER durable_messages_ready AFTER INSERT ON durable_messages
        BEGIN
            UPDATE durable_instances SET ready_at = NEW.visible_at
            WHERE instance_id = NEW.instance_id AND (ready_at IS NULL OR ready_at > NEW.visible_at);
        END;

        CREATE TABLE durable_activities (
            id INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL,
            generation INTEGER NOT NULL,
            task_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            input TEXT,
            created_at INTEGER NOT NULL,
            lock_token INTEGER,
            lock_expires_at INTEGER NOT NULL DEFAULT 0,
            dispatch_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_durable_activities_lock ON durable_activities (lock_expires_at, id);
        CREATE UNIQUE INDEX ux_durable_activities_task ON durable_activities (instance_id, generation, task_id);
        """);
}
