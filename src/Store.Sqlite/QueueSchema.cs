namespace Qlrf.Store.Sqlite;

/// <summary>
/// The embedded message queues (one table, a queue name per row) and their dead letters.
/// <c>visible_at</c> implements the visibility timeout; <c>receipt</c> identifies the current delivery.
/// </summary>
internal static class QueueSchema
{
    public static readonly SchemaMigration V1 = new("queue", 1, """
        CREATE TABLE queue_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            org TEXT NOT NULL,
            body TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            delivery_count INTEGER NOT NULL DEFAULT 0,
            receipt TEXT,
            last_error TEXT
        );
        CREATE INDEX ix_queue_messages_queue ON queue_messages (queue, id, visible_at);

        CREATE TABLE queue_dead_letters (
            id INTEGER PRIMARY KEY,
            queue TEXT NOT NULL,
            org TEXT NOT NULL,
            body TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            dead_lettered_at INTEGER NOT NULL,
            delivery_count INTEGER NOT NULL,
            last_error TEXT NOT NULL
        );
        CREATE INDEX ix_queue_dead_letters_org ON queue_dead_letters (org, queue, id);
        """);
}
