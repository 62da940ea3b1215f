using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Qlrf.Store.Sqlite;

/// <summary>Applies each module's missing schema steps, in order, each in its own transaction.</summary>
internal static class SchemaMigrator
{
    public static void Apply(SqliteConnection connection, IEnumerable<SchemaMigration> migrations, ILogger logger)
    {
        SqliteDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module TEXT NOT NULL,
                version INTEGER NOT NULL,
                applied_at INTEGER NOT NULL,
                PRIMARY KEY (module, version)
            ) WITHOUT ROWID;
            """);

        var applied = new HashSet<(string, int)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT module, version FROM schema_migrations";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                applied.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        var pending = migrations
            .Where(m => !applied.Contains((m.Module, m.Version)))
            .OrderBy(m => m.Module, StringComparer.Ordinal)
            .ThenBy(m => m.Version);
        foreach (var migration in pending)
        {
            using var transaction = connection.BeginTransaction();
            SqliteDatabase.Execute(connection, migration.Sql, transaction);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (module, version, applied_at) VALUES ($m, $v, unixepoch() * 1000)";
                record.Add("$m", migration.Module);
                record.Add("$v", migration.Version);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            StoreLogs.Migrated(logger, migration.Module, migration.Version);
        }
    }
}
