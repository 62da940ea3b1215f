namespace Qlrf.Store.Sqlite;

/// <summary>
/// Tables of drift. <c>drift_assets</c> holds each asset's last evaluated drift, keyed by organisation and
/// family (empty for assets without an image) so that a promotion re-evaluates one contiguous range, as it
/// would one partition; a unique index finds a row by asset id, and a partial index orders outdated assets
/// by how long they have been behind;
/// <c>drift_summaries</c> the additive counters of each summary group, kept by upkeep; <c>drift_pending</c>
/// the families a transition marked for re-evaluation (an outbox); snapshots and thresholds beside them.
/// Version 2 replaces the index of outdated assets, whose entries moved with nearly every version change (two random
/// pages written per change on top of the row's), by <c>drift_outdated</c>, kept in bulk: upkeep appends each change
/// of an asset's outdated key to <c>drift_outdated_log</c> (appends share pages) and the log is merged in key order
/// when it grows long or before outdated assets are listed.
/// </summary>
internal static class DriftSchema
{
    public static readonly SchemaMigration V1 = new("drift", 1, """
        CREATE TABLE drift_assets (
            org TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            name TEXT NOT NULL,
            platform TEXT NOT NULL,
            site TEXT NOT NULL,
            environment TEXT NOT NULL,
            family TEXT NOT NULL,
            version TEXT,
            status TEXT NOT NULL,
            reason TEXT,
            production_version TEXT,
            versions_behind INTEGER NOT NULL,
            outdated_since INTEGER,
            PRIMARY KEY (org, family, asset_id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_drift_assets_id ON drift_assets (org, asset_id);
        CREATE INDEX ix_drift_assets_outdated ON drift_assets (org, outdated_since, asset_id) WHERE status = 'outdated';

        CREATE TABLE drift_summaries (
            org TEXT NOT NULL,
            dimension TEXT NOT NULL,
            key TEXT NOT NULL,
            key2 TEXT NOT NULL,
            total INTEGER NOT NULL,
            compliant INTEGER NOT NULL,
            outdated INTEGER NOT NULL,
            ahead INTEGER NOT NULL,
            unknown INTEGER NOT NULL,
            versions_behind_sum INTEGER NOT NULL,
            since_counts TEXT NOT NULL,
            PRIMARY KEY (org, dimension, key, key2)
        ) WITHOUT ROWID;

        CREATE TABLE drift_pending (
            org TEXT NOT NULL,
            family TEXT NOT NULL,
            requested_at INTEGER NOT NULL,
            PRIMARY KEY (org, family)
        ) WITHOUT ROWID;

        CREATE TABLE drift_settings (
            org TEXT NOT NULL PRIMARY KEY,
            red_below REAL NOT NULL,
            amber_below REAL NOT NULL,
            updated_at INTEGER NOT NULL,
            updated_by TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE drift_snapshots (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            taken_at INTEGER NOT NULL,
            trigger TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_drift_snapshots_time ON drift_snapshots (org, taken_at);

        CREATE TABLE drift_snapshot_rows (
            org TEXT NOT NULL,
            snapshot_id TEXT NOT NULL,
            dimension TEXT NOT NULL,
            key TEXT NOT NULL,
            key2 TEXT NOT NULL,
            summary TEXT NOT NULL,
            PRIMARY KEY (org, snapshot_id, dimension, key, key2)
        ) WITHOUT ROWID;
        """);

    public static readonly SchemaMigration V2 = new("drift", 2, """
        DROP INDEX ix_drift_assets_outdated;

        CREATE TABLE drift_outdated (
            org TEXT NOT NULL,
            since INTEGER NOT NULL,
            asset_id TEXT NOT NULL,
            PRIMARY KEY (org, since, asset_id)
        ) WITHOUT ROWID;
        INSERT INTO drift_outdated (org, since, asset_id)
            SELECT org, coalesce(outdated_since, 0), asset_id FROM drift_assets WHERE status = 'outdated';

        CREATE TABLE drift_outdated_log (
            seq INTEGER PRIMARY KEY,
            org TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            old_since INTEGER,
            new_since INTEGER
        );
        """);
}
