namespace Qlrf.Store.Sqlite;

/// <summary>Secrets (metadata only, by source) and their change history. Documents are JSON; every key starts with the organisation.</summary>
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
        """);
}
