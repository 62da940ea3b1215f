using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Compliance;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

/// <summary>Compliance results and snapshots on the embedded store.</summary>
public sealed class SqliteComplianceStore(SqliteDatabase database) : IComplianceStore
{
    private const string Columns = "object_id, kind, passed, reason, environment, site, scope";

    public Task ReplaceAsync(string organisation, string instanceKey, DateTimeOffset evaluatedAt, IReadOnlyList<CheckObjectResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return database.WriteAsync((connection, transaction) =>
        {
            using (var delete = connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM compliance_results WHERE org = $org AND instance = $instance";
                delete.Add("$org", organisation);
                delete.Add("$instance", instanceKey);
                delete.ExecuteNonQuery();
            }

            Upsert(connection, transaction, organisation, instanceKey, results);
            using var run = connection.CreateCommand();
            run.Transaction = transaction;
            run.CommandText = "INSERT INTO compliance_runs (org, instance, evaluated_at) VALUES ($org, $instance, $at) ON CONFLICT (org, instance) DO UPDATE SET evaluated_at = excluded.evaluated_at";
            run.Add("$org", organisation);
            run.Add("$instance", instanceKey);
            run.Add("$at", SqliteValues.ToUnixMs(evaluatedAt));
            run.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task ApplyAsync(string organisation, string instanceKey, CheckDelta delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync((connection, transaction) =>
        {
            using (var delete = connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM compliance_results WHERE org = $org AND instance = $instance AND object_id = $id";
                delete.Add("$org", organisation);
                delete.Add("$instance", instanceKey);
                var id = delete.Add("$id", string.Empty);
                foreach (var removed in delta.Removed)
                {
                    id.Value = removed;
                    delete.ExecuteNonQuery();
                }
            }

            Upsert(connection, transaction, organisation, instanceKey, delta.Upserts);
        }, cancellationToken);
    }

    public Task<CheckRun?> GetRunAsync(string organisation, string instanceKey, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.evaluated_at, (SELECT COUNT(*) FROM compliance_results o WHERE o.org = r.org AND o.instance = r.instance)
            FROM compliance_runs r WHERE r.org = $org AND r.instance = $instance
            """;
        command.Add("$org", organisation);
        command.Add("$instance", instanceKey);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new CheckRun(organisation, instanceKey, reader.GetTime(0), reader.GetInt32(1)) : null);
    }

    public Task<IReadOnlyList<CheckObjectResult>> ListAsync(string organisation, string instanceKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CheckObjectResult>>(Read($"SELECT {Columns} FROM compliance_results WHERE org = $org AND instance = $instance ORDER BY object_id", organisation, instanceKey, null));

    public Task<IReadOnlyList<CheckObjectResult>> ListScopeAsync(string organisation, string instanceKey, string scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CheckObjectResult>>(Read($"SELECT {Columns} FROM compliance_results WHERE org = $org AND instance = $instance AND scope = $scope ORDER BY object_id", organisation, instanceKey, scope));

    public Task SaveSnapshotAsync(ComplianceSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO compliance_snapshots (org, framework, day, body) VALUES ($org, $framework, $day, $body) ON CONFLICT (org, framework, day) DO UPDATE SET body = excluded.body";
            command.Add("$org", snapshot.Organisation);
            command.Add("$framework", snapshot.FrameworkId);
            command.Add("$day", Day(snapshot.Day));
            command.Add("$body", JsonSerializer.Serialize(snapshot, QlrfJson.Options));
            command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ComplianceSnapshot>> ListSnapshotsAsync(string organisation, string frameworkId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM compliance_snapshots WHERE org = $org AND framework = $framework AND day >= $from AND day <= $to ORDER BY day";
        command.Add("$org", organisation);
        command.Add("$framework", frameworkId);
        command.Add("$from", Day(from));
        command.Add("$to", Day(to));
        using var reader = command.ExecuteReader();
        var snapshots = new List<ComplianceSnapshot>();
        while (reader.Read())
        {
            snapshots.Add(JsonSerializer.Deserialize<ComplianceSnapshot>(reader.GetString(0), QlrfJson.Options)!);
        }

        return Task.FromResult<IReadOnlyList<ComplianceSnapshot>>(snapshots);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Upsert(SqliteConnection connection, SqliteTransaction transaction, string organisation, string instanceKey, IReadOnlyList<CheckObjectResult> results)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO compliance_results (org, instance, {Columns}) VALUES ($org, $instance, $id, $kind, $passed, $reason, $env, $site, $scope)
            ON CONFLICT (org, instance, object_id) DO UPDATE SET kind = excluded.kind, passed = excluded.passed, reason = excluded.reason,
                environment = excluded.environment, site = excluded.site, scope = excluded.scope
            """;
        insert.Add("$org", organisation);
        insert.Add("$instance", instanceKey);
        var id = insert.Add("$id", string.Empty);
        var kind = insert.Add("$kind", string.Empty);
        var passed = insert.Add("$passed", 0);
        var reason = insert.Add("$reason", string.Empty);
        var env = insert.Add("$env", null);
        var site = insert.Add("$site", null);
        var scope = insert.Add("$scope", null);
        foreach (var r in results)
        {
            id.Value = r.ObjectId;
            kind.Value = r.ObjectKind;
            passed.Value = r.Passed ? 1 : 0;
            reason.Value = r.Reason;
            env.Value = SqliteValues.DbValue(r.Environment);
            site.Value = SqliteValues.DbValue(r.Site);
            scope.Value = SqliteValues.DbValue(r.Scope);
            insert.ExecuteNonQuery();
        }
    }

    private List<CheckObjectResult> Read(string sql, string organisation, string instanceKey, string? scope)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Add("$org", organisation);
        command.Add("$instance", instanceKey);
        if (scope is not null)
        {
            command.Add("$scope", scope);
        }

        using var reader = command.ExecuteReader();
        var results = new List<CheckObjectResult>();
        while (reader.Read())
        {
            results.Add(new CheckObjectResult(reader.GetString(1), reader.GetString(0), reader.GetInt64(2) != 0, reader.GetString(3))
            {
                Environment = reader.GetStringOrNull(4),
                Site = reader.GetStringOrNull(5),
                Scope = reader.GetStringOrNull(6),
            });
        }

        return results;
    }
}
