namespace Qlrf.Store.Sqlite;

/// <summary>
/// Tables of identity. Every key starts with the organisation.
/// <list type="bullet">
/// <item><c>api_keys</c>: keys with their role, scope, expiry and revocation, and only the hash of their secret.</item>
/// <item><c>role_bindings</c>: users given a role at a scope; one binding per subject, role and scope.</item>
/// </list>
/// </summary>
internal static class IdentitySchema
{
    public static readonly SchemaMigration V1 = new("identity", 1, """
        CREATE TABLE api_keys (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            scope TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER,
            revoked_by TEXT,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;

        CREATE TABLE role_bindings (
            org TEXT NOT NULL,
            id TEXT NOT NULL,
            subject TEXT NOT NULL,
            role TEXT NOT NULL,
            scope TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            PRIMARY KEY (org, id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_role_bindings_grant ON role_bindings (org, subject, role, scope);
        """);
}
