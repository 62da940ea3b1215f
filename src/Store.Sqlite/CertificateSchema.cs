namespace Qlrf.Store.Sqlite;

/// <summary>
/// Certificates (by source), what endpoints served, secret references, usages, change history, alerts and rotations.
/// Documents are JSON; every key starts with the organisation.
/// </summary>
internal static class CertificateSchema
{
    public static readonly SchemaMigration V1 = new("certificates", 1, """
        CREATE TABLE cert_certificates (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            source TEXT NOT NULL,
            not_after INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_cert_certificates_expiry ON cert_certificates (org, not_after, id);
        CREATE INDEX ix_cert_certificates_source ON cert_certificates (org, source, id);

        CREATE TABLE cert_endpoints (
            org TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, source, target)
        ) WITHOUT ROWID;

        CREATE TABLE cert_references (
            org TEXT NOT NULL,
            source TEXT NOT NULL,
            cert_id TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, source, cert_id)
        ) WITHOUT ROWID;

        CREATE TABLE cert_usages (
            org TEXT NOT NULL,
            cert_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            environment TEXT NOT NULL,
            via TEXT NOT NULL,
            deployable INTEGER NOT NULL,
            PRIMARY KEY (org, cert_id, kind, target)
        ) WITHOUT ROWID;

        CREATE TABLE cert_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            org TEXT NOT NULL,
            cert_id TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX ix_cert_changes_cert ON cert_changes (org, cert_id, seq);

        CREATE TABLE cert_alerts (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            cert_id TEXT NOT NULL,
            raised_at INTEGER NOT NULL,
            acknowledged INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_cert_alerts_cert ON cert_alerts (org, cert_id);

        CREATE TABLE cert_rotations (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            cert_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            idempotency_key TEXT,
            body TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_cert_rotations_cert ON cert_rotations (org, cert_id, created_at);
        CREATE UNIQUE INDEX ux_cert_rotations_key ON cert_rotations (org, idempotency_key) WHERE idempotency_key IS NOT NULL;
        """);
}
