namespace Qlrf.Store.Sqlite;

/// <summary>
/// Tables of discovery and the inventory. Every key starts with the organisation.
/// <list type="bullet">
/// <item><c>discovery_snapshot</c>: per source, each asset's hash and version as the last sweep saw it (tombstones kept);
/// its content sits apart in <c>discovery_snapshot_content</c> so that loading the hashes stays a narrow scan.</item>
/// <item><c>assets</c>, <c>asset_history</c>: the inventory as the asset-change processor applied it.</item>
/// <item><c>asset_tags</c> (version 2): each asset's tags, one row per tag, kept in step with <c>assets.tags</c> by triggers,
/// so a tag filter walks the assets carrying the tag in id order instead of reading every asset's tags.</item>
/// </list>
/// </summary>
internal static class InventorySchema
{
    public static readonly SchemaMigration V1 = new("inventory", 1, """
        CREATE TABLE sites (
            org TEXT NOT NULL,
            name TEXT NOT NULL,
            platform TEXT NOT NULL,
            region TEXT NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (org, name)
        ) WITHOUT ROWID;

        CREATE TABLE sweep_runs (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            source TEXT NOT NULL,
            trigger TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            counts TEXT NOT NULL,
            errors TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_sweep_runs_running ON sweep_runs (org, source) WHERE status = 'running';
        CREATE INDEX ix_sweep_runs_source ON sweep_runs (org, source, id);

        CREATE TABLE discovery_snapshot (
            org TEXT NOT NULL,
            source TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            PRIMARY KEY (org, source, asset_id)
        ) WITHOUT ROWID;

        CREATE TABLE discovery_snapshot_content (
            org TEXT NOT NULL,
            source TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            asset TEXT NOT NULL,
            PRIMARY KEY (org, source, asset_id)
        );

        CREATE TABLE assets (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            platform TEXT NOT NULL,
            site TEXT NOT NULL,
            environment TEXT NOT NULL,
            image_family TEXT,
            image_version TEXT,
            image_reference TEXT,
            state TEXT NOT NULL,
            health TEXT NOT NULL,
            tags TEXT NOT NULL,
            source TEXT NOT NULL,
            version INTEGER NOT NULL,
            hash TEXT NOT NULL,
            first_seen_at INTEGER NOT NULL,
            last_changed_at INTEGER NOT NULL,
            removed_at INTEGER,
            PRIMARY KEY (org, id)
        );
        CREATE INDEX ix_assets_site ON assets (org, site, id);
        CREATE INDEX ix_assets_environment ON assets (org, environment, id);
        CREATE INDEX ix_assets_family ON assets (org, image_family, id);

        CREATE TABLE asset_history (
            org TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL,
            changed_fields TEXT NOT NULL,
            hash TEXT,
            event_id TEXT NOT NULL,
            sweep_run_id TEXT NOT NULL,
            detected_at INTEGER NOT NULL,
            applied_at INTEGER NOT NULL,
            PRIMARY KEY (org, asset_id, version)
        ) WITHOUT ROWID;
        """);

    public static readonly SchemaMigration V2 = new("inventory", 2, """
        CREATE TABLE asset_tags (
            org TEXT NOT NULL,
            tag_key TEXT NOT NULL,
            tag_value TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            PRIMARY KEY (org, tag_key, tag_value, asset_id)
        ) WITHOUT ROWID;

        INSERT OR IGNORE INTO asset_tags (org, tag_key, tag_value, asset_id)
        SELECT a.org, t.key, t.value, a.id FROM assets AS a, json_each(a.tags) AS t;

        CREATE TRIGGER tr_assets_tags_insert AFTER INSERT ON assets
        BEGIN
            INSERT OR IGNORE INTO asset_tags (org, tag_key, tag_value, asset_id)
            SELECT NEW.org, key, value, NEW.id FROM json_each(NEW.tags);
        END;

        CREATE TRIGGER tr_assets_tags_update AFTER UPDATE OF tags ON assets WHEN OLD.tags IS NOT NEW.tags
        BEGIN
            DELETE FROM asset_tags
            WHERE org = OLD.org AND asset_id = OLD.id AND (tag_key, tag_value) IN (SELECT key, value FROM json_each(OLD.tags));
            INSERT OR IGNORE INTO asset_tags (org, tag_key, tag_value, asset_id)
            SELECT NEW.org, key, value, NEW.id FROM json_each(NEW.tags);
        END;

        CREATE TRIGGER tr_assets_tags_delete AFTER DELETE ON assets
        BEGIN
            DELETE FROM asset_tags
            WHERE org = OLD.org AND asset_id = OLD.id AND (tag_key, tag_value) IN (SELECT key, value FROM json_each(OLD.tags));
        END;
        """);
}
