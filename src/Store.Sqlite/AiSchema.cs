namespace Qlrf.Store.Sqlite;

/// <summary>AI tasks (JSON documents; ids sort newest first) and model token usage per organisation and day.</summary>
internal static class AiSchema
{
    public static readonly SchemaMigration V1 = new("ai", 1, """
        CREATE TABLE ai_tasks (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            etag INTEGER NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;

        CREATE TABLE ai_usage (
            org TEXT NOT NULL,
            day TEXT NOT NULL,
            tokens_in INTEGER NOT NULL,
            tokens_out INTEGER NOT NULL,
            calls INTEGER NOT NULL,
            PRIMARY KEY (org, day)
        ) WITHOUT ROWID;
        """);
}
