namespace Qlrf.Store.Sqlite;

/// <summary>The sandbox platform's state: image versions and patch sets its executors set over the estate file.</summary>
internal static class SandboxSchema
{
    public static readonly SchemaMigration V1 = new("sandbox", 1, """
        CREATE TABLE sandbox_assets (
            org TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            image_version TEXT NOT NULL,
            image_reference TEXT,
            changed_by TEXT NOT NULL,
            changed_at INTEGER NOT NULL,
            PRIMARY KEY (org, asset_id)
        ) WITHOUT ROWID;
        """);

    /// <summary>The patch sets executors applied to each asset, as a JSON array of ids.</summary>
    public static readonly SchemaMigration V2 = new("sandbox", 2, """
        ALTER TABLE sandbox_assets ADD COLUMN patch_sets TEXT NOT NULL DEFAULT '[]';
        """);
}
