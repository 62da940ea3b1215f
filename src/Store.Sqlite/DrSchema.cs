namespace Qlrf.Store.Sqlite;

/// <summary>
/// DR pairs (with their next scheduled drill), drills (record, report), each pair's live drill and its last
/// drill with a verdict. Documents are JSON; every key starts with the organisation.
/// </summary>
internal static class DrSchema
{
    public static readonly SchemaMigration V1 = new("dr", 1, """
        CREATE TABLE dr_pairs (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            etag INTEGER NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;

        CREATE TABLE dr_schedules (
            org TEXT NOT NULL,
            pair_id TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            PRIMARY KEY (org, pair_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_dr_schedules_due ON dr_schedules (due_at);

        CREATE TABLE dr_drills (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            pair_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            finished INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_dr_drills_created ON dr_drills (org, created_at, id);
        CREATE INDEX ix_dr_drills_pair ON dr_drills (org, pair_id, created_at, id);

        CREATE TABLE dr_live_drills (
            org TEXT NOT NULL,
            pair_id TEXT NOT NULL,
            drill_id TEXT NOT NULL,
            PRIMARY KEY (org, pair_id)
        ) WITHOUT ROWID;

        CREATE TABLE dr_reports (
            org TEXT NOT NULL,
            drill_id TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, drill_id)
        ) WITHOUT ROWID;

        CREATE TABLE dr_last_drills (
            org TEXT NOT NULL,
            pair_id TEXT NOT NULL,
            finished_at INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, pair_id)
        ) WITHOUT ROWID;
        """);
}

/// <summary>The sandbox DR simulator's state, one document per pair.</summary>
internal static class SandboxDrSchema
{
    public static readonly SchemaMigration V1 = new("sandbox-dr", 1, """
        CREATE TABLE sandbox_dr_state (
            org TEXT NOT NULL,
            pair_id TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, pair_id)
        ) WITHOUT ROWID;
        """);
}
