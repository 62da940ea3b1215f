namespace Qlrf.Store.Sqlite;

/// <summary>
/// Compliance: each check instance's last full evaluation, its current object results (indexed by scope, an image
/// family, for incremental re-evaluation), and the daily snapshot of each framework. Every key starts with the organisation.
/// </summary>
internal static class ComplianceSchema
{
    public static readonly SchemaMigration V1 = new("compliance", 1, """
        CREATE TABLE compliance_runs (
            org TEXT NOT NULL,
            instance TEXT NOT NULL,
            evaluated_at INTEGER NOT NULL,
            PRIMARY KEY (org, instance)
        ) WITHOUT ROWID;

        CREATE TABLE compliance_results (
            org TEXT NOT NULL,
            instance TEXT NOT NULL,
            object_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            passed INTEGER NOT NULL,
            reason TEXT NOT NULL,
            environment TEXT,
            site TEXT,
            scope TEXT,
            PRIMARY KEY (org, instance, object_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_compliance_results_scope ON compliance_results (org, instance, scope, object_id);

        CREATE TABLE compliance_snapshots (
            org TEXT NOT NULL,
            framework TEXT NOT NULL,
            day TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, framework, day)
        ) WITHOUT ROWID;
        """);
}
