namespace Qlrf.Store.Sqlite;

/// <summary>Approvals (one JSON document per row, with an ETag) and the spent nonces of signed approval links.</summary>
internal static class ApprovalSchema
{
    public static readonly SchemaMigration V1 = new("approvals", 1, """
        CREATE TABLE approvals (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            subject TEXT NOT NULL,
            status TEXT NOT NULL,
            body TEXT NOT NULL,
            etag INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_approvals_subject ON approvals (org, subject, created_at);

        CREATE TABLE approval_link_nonces (
            org TEXT NOT NULL,
            nonce TEXT NOT NULL,
            approval_id TEXT NOT NULL,
            spent_at INTEGER NOT NULL,
            PRIMARY KEY (org, nonce)
        ) WITHOUT ROWID;
        """);
}
