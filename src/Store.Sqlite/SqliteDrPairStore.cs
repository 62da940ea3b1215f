using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Dr;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>DR pairs and their drill schedules on the embedded store.</summary>
public sealed class SqliteDrPairStore(SqliteDatabase database) : IDrPairStore
{
    public Task<DrPair?> CreateAsync(DrPair pair, DateTimeOffset? nextDrillAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var created = pair with { ETag = 1 };
        return database.WriteAsync<DrPair?>((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO dr_pairs (org, id, body, etag) VALUES ($org, $id, $body, 1)";
            command.Add("$org", created.Organisation);
            command.Add("$id", created.Id);
            command.Add("$body", JsonSerializer.Serialize(created, QlrfJson.Options));
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }

            SetSchedule(connection, transaction, created.Organisation, created.Id, nextDrillAt);
            return created;
        }, cancellationToken);
    }

    public Task<DrPair?> GetAsync(string organisation, string pairId, CancellationToken cancellationToken) =>
        Task.FromResult(Read("WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", pairId);
        }).FirstOrDefault());

    public Task<Page<DrPair>> ListAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var items = Read("WHERE org = $org AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $n", c =>
        {
            c.Add("$org", organisation);
            c.Add("$after", afterId);
            c.Add("$n", limit + 1);
        });
        return Task.FromResult(SqliteQueue.Paging(items, limit, p => p.Id));
    }

    public Task<DrPair?> ReplaceAsync(DrPair pair, long expectedETag, DateTimeOffset? nextDrillAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var next = pair with { ETag = expectedETag + 1 };
        return database.WriteAsync<DrPair?>((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE dr_pairs SET body = $body, etag = $next WHERE org = $org AND id = $id AND etag = $expected";
            command.Add("$body", JsonSerializer.Serialize(next, QlrfJson.Options));
            command.Add("$next", next.ETag);
            command.Add("$org", next.Organisation);
            command.Add("$id", next.Id);
            command.Add("$expected", expectedETag);
            if (command.ExecuteNonQuery() == 0)
            {
                return null;
            }

            SetSchedule(connection, transaction, next.Organisation, next.Id, nextDrillAt);
            return next;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string organisation, string pairId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            SetSchedule(connection, transaction, organisation, pairId, null);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM dr_pairs WHERE org = $org AND id = $id";
            command.Add("$org", organisation);
            command.Add("$id", pairId);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<DueDrill>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT org, pair_id, due_at FROM dr_schedules WHERE due_at <= $now ORDER BY due_at, org, pair_id LIMIT $n";
        command.Add("$now", SqliteValues.ToUnixMs(now));
        command.Add("$n", max);
        var due = new List<DueDrill>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            due.Add(new DueDrill(reader.GetString(0), reader.GetString(1), reader.GetTime(2)));
        }

        return Task.FromResult<IReadOnlyList<DueDrill>>(due);
    }

    public Task<bool> ClaimDueAsync(string organisation, string pairId, DateTimeOffset due, DateTimeOffset? next, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = next is null
                ? "DELETE FROM dr_schedules WHERE org = $org AND pair_id = $pair AND due_at = $due"
                : "UPDATE dr_schedules SET due_at = $next WHERE org = $org AND pair_id = $pair AND due_at = $due";
            command.Add("$org", organisation);
            command.Add("$pair", pairId);
            command.Add("$due", SqliteValues.ToUnixMs(due));
            command.Add("$next", SqliteValues.DbTime(next));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task<DateTimeOffset?> GetNextDrillAtAsync(string organisation, string pairId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT due_at FROM dr_schedules WHERE org = $org AND pair_id = $pair";
        command.Add("$org", organisation);
        command.Add("$pair", pairId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? reader.GetTime(0) : (DateTimeOffset?)null);
    }

    private static void SetSchedule(SqliteConnection connection, SqliteTransaction transaction, string organisation, string pairId, DateTimeOffset? due)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = due is null
            ? "DELETE FROM dr_schedules WHERE org = $org AND pair_id = $pair"
            : "INSERT INTO dr_schedules (org, pair_id, due_at) VALUES ($org, $pair, $due) ON CONFLICT (org, pair_id) DO UPDATE SET due_at = excluded.due_at";
        command.Add("$org", organisation);
        command.Add("$pair", pairId);
        command.Add("$due", SqliteValues.DbTime(due));
        command.ExecuteNonQuery();
    }

    private List<DrPair> Read(string where, Action<SqliteCommand> bind)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, etag FROM dr_pairs " + where;
        bind(command);
        var pairs = new List<DrPair>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pairs.Add(JsonSerializer.Deserialize<DrPair>(reader.GetString(0), QlrfJson.Options)! with { ETag = reader.GetInt64(1) });
        }

        return pairs;
    }
}
