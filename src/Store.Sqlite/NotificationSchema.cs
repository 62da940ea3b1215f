namespace Qlrf.Store.Sqlite;

/// <summary>The notification outbox: one row per notification and channel.</summary>
internal static class NotificationSchema
{
    public static readonly SchemaMigration V1 = new("notifications", 1, """
        CREATE TABLE notification_deliveries (
            org TEXT NOT NULL,
            notification_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            message_ref TEXT,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (org, notification_id, channel)
        ) WITHOUT ROWID;
        CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
        CREATE INDEX ix_notification_deliveries_subject ON notification_deliveries (org, subject);
        """);
}
