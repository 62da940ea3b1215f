namespace Qlrf.Store.Sqlite;

/// <summary>
/// The audit log: <c>audit_entries</c> keyed (organisation, sequence), and <c>audit_heads</c>, each
/// organisation's last sequence and hash, written in the same transaction as the entry. Triggers refuse
/// updates and deletes, so only someone editing the file by hand can change an entry, and the chain
/// shows it.
/// </summary>
internal static class AuditSchema
{
    public static readonly SchemaMigration V1 = new("audit", 1, """
        CREATE TABLE audit_entries (
            org TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome TEXT NOT NULL,
            request_id TEXT NOT NULL,
            source TEXT NOT NULL,
            details TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (org, seq)
        ) WITHOUT ROWID;
        CREATE INDEX ix_audit_entries_actor ON audit_entries (org, actor, seq);
        CREATE INDEX ix_audit_entries_action ON audit_entries (org, action, seq);
        CREATE INDEX ix_audit_entries_target ON audit_entries (org, target, seq);
        CREATE INDEX ix_audit_entries_at ON audit_entries (org, at);

        CREATE TABLE audit_heads (
            org TEXT NOT NULL PRIMARY KEY,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TRIGGER audit_entries_append_only_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
        CREATE TRIGGER audit_entries_append_only_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
        """);
}
