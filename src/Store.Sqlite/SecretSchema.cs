namespace Qlrf.Store.Sqlite;

/// <summary>Secrets (metadata only, by source), their change history and rotations. Documents are JSON; every key starts with the organisation.</summary>
internal static class SecretSchema
{
    public static readonly SchemaMigration V1 = new("secrets", 1, """
        CREATE TABLE secret_secrets (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            source TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_secret_secrets_source ON secret_secrets (org, source, id);

        CREATE TABLE secret_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            org TEXT NOT NULL,
            secret_id TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX ix_secret_changes_secret ON secret_changes (org, secret_id, seq);

        CREATE TABLE secret_rotations (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            secret_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            idempotency_key TEXT,
            body TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_secret_rotations_secret ON secret_rotations (org, secret_id, created_at);
        CREATE UNIQUE INDEX ux_secret_rotations_key ON secret_rotations (org, idempotency_key) WHERE idempotency_key IS NOT NULL;
        """);
}
