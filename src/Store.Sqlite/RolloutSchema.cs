namespace Qlrf.Store.Sqlite;

/// <summary>
/// Rollouts (one JSON document per row, its plan's stages beside it), each asset's result, and the
/// organisation's policy exceptions. Rollout ids are time-ordered, so id order is creation order.
/// </summary>
internal static class RolloutSchema
{
    public static readonly SchemaMigration V1 = new("rollouts", 1, """
        CREATE TABLE rollouts (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            status TEXT NOT NULL,
            family TEXT,
            requested_by TEXT NOT NULL,
            idempotency_key TEXT,
            body TEXT NOT NULL,
            stages TEXT,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_rollouts_idempotency ON rollouts (org, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX ix_rollouts_family ON rollouts (org, family, created_at);

        CREATE TABLE rollout_assets (
            org TEXT NOT NULL,
            rollout_id TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            stage INTEGER NOT NULL,
            batch INTEGER NOT NULL,
            status TEXT NOT NULL,
            from_version TEXT,
            to_version TEXT,
            changed INTEGER NOT NULL,
            started_at INTEGER,
            finished_at INTEGER,
            detail TEXT,
            health TEXT,
            PRIMARY KEY (org, rollout_id, asset_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_rollout_assets_position ON rollout_assets (org, rollout_id, position);

        CREATE TABLE rollout_policy_exceptions (
            org TEXT NOT NULL,
            target TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, target)
        ) WITHOUT ROWID;
        """);

    /// <summary>Each asset's result keeps the executor's latest progress report and its time.</summary>
    public static readonly SchemaMigration V2 = new("rollouts", 2, """
        ALTER TABLE rollout_assets ADD COLUMN progress TEXT;
        ALTER TABLE rollout_assets ADD COLUMN progress_at INTEGER;
        """);
}
