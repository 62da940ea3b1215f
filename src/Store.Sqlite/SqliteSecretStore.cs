using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Certificates;
using Qlrf.Json;
using Qlrf.Paging;
using Qlrf.Secrets;

namespace Qlrf.Store.Sqlite;

/// <summary>The secret inventory (metadata only) on the embedded store: secrets by source and their change history.</summary>
public sealed partial class SqliteSecretStore(SqliteDatabase database) : ISecretStore
{
    public Task<IReadOnlyList<SecretChange>> ApplySweepAsync(string organisation, string source, SecretSweepResult sweep, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return database.WriteAsync<IReadOnlyList<SecretChange>>((connection, transaction) =>
        {
            var before = Read(connection, transaction, "WHERE org = $org AND source = $source", c =>
            {
                c.Add("$org", organisation);
                c.Add("$source", source);
            }).ToDictionary(s => s.Id, StringComparer.Ordinal);
            var keep = new HashSet<string>(sweep.Unreachable ?? [], StringComparer.Ordinal);
            var changes = new List<SecretChange>();
            foreach (var secret in sweep.Secrets)
            {
                before.TryGetValue(secret.Id, out var old);
                Execute(connection, transaction, "INSERT INTO secret_secrets (org, id, source, body) VALUES ($org, $id, $source, $body) ON CONFLICT (org, id) DO UPDATE SET source = excluded.source, body = excluded.body", c =>
                {
                    c.Add("$org", organisation);
                    c.Add("$id", secret.Id);
                    c.Add("$source", source);
                    c.Add("$body", JsonSerializer.Serialize(secret with { Organisation = organisation }, QlrfJson.Options));
                });
                if (SecretChanges.Of(organisation, source, old, secret, at) is { } change)
                {
                    changes.Add(change);
                }

                before.Remove(secret.Id);
            }

            foreach (var gone in before.Values.Where(s => !keep.Contains(s.Id)))
            {
                Execute(connection, transaction, "DELETE FROM secret_secrets WHERE org = $org AND id = $id", c =>
                {
                    c.Add("$org", organisation);
                    c.Add("$id", gone.Id);
                });
                changes.Add(new SecretChange(organisation, gone.Id, CertificateChangeKind.Removed, gone.Version, null, at, source));
            }

            foreach (var change in changes)
            {
                Execute(connection, transaction, "INSERT INTO secret_changes (org, secret_id, body) VALUES ($org, $secret, $body)", c =>
                {
                    c.Add("$org", organisation);
                    c.Add("$secret", change.SecretId);
                    c.Add("$body", JsonSerializer.Serialize(change, QlrfJson.Options));
                });
            }

            return changes;
        }, cancellationToken);
    }

    public Task<Secret?> GetAsync(string organisation, string secretId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult(Read(connection, null, "WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", secretId);
        }).FirstOrDefault());
    }

    public Task<Page<Secret>> ListAsync(string organisation, SecretFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = database.OpenRead();
        var items = Read(connection, null, "WHERE org = $org AND ($after IS NULL OR id > $after) ORDER BY id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$after", after);
        }).Where(filter.Matches).Take(limit + 1).ToList();
        return Task.FromResult(SqliteQueue.Paging(items, limit, s => s.Id));
    }

    public Task<IReadOnlyList<Secret>> ListAllAsync(string organisation, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult<IReadOnlyList<Secret>>(Read(connection, null, "WHERE org = $org ORDER BY id", c => c.Add("$org", organisation)));
    }

    public Task<IReadOnlyList<SecretChange>> ListChangesAsync(string organisation, string secretId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM secret_changes WHERE org = $org AND secret_id = $secret ORDER BY seq DESC";
        command.Add("$org", organisation);
        command.Add("$secret", secretId);
        return Task.FromResult<IReadOnlyList<SecretChange>>(Bodies<SecretChange>(command));
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        command.ExecuteNonQuery();
    }

    private static List<Secret> Read(SqliteConnection connection, SqliteTransaction? transaction, string where, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT body FROM secret_secrets " + where;
        bind(command);
        return Bodies<Secret>(command);
    }

    private static List<T> Bodies<T>(SqliteCommand command)
    {
        var items = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), QlrfJson.Options)!);
        }

        return items;
    }
}
