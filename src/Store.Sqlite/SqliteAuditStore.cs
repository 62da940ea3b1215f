using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Audit;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>
/// The audit log on the embedded store. An append reads the organisation's head, seals the entry onto
/// it and writes entry and head in one transaction; the store's single writer serialises appends.
/// </summary>
public sealed class SqliteAuditStore(SqliteDatabase database, TimeProvider time) : IAuditLog, IAuditReader
{
    private const string Columns = "org, seq, at, actor, action, target, outcome, request_id, source, details, previous_hash, hash";

    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return database.WriteAsync((connection, transaction) =>
        {
            var entry = AuditChain.Seal(auditEvent, ReadHead(connection, transaction, auditEvent.Organisation), time.GetUtcNow());
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = $"""
                    INSERT INTO audit_entries ({Columns})
                    VALUES ($org, $seq, $at, $actor, $action, $target, $outcome, $request, $source, $details, $previous, $hash)
                    """;
                insert.Add("$org", entry.Organisation);
                insert.Add("$seq", entry.Sequence);
                insert.Add("$at", SqliteValues.ToUnixMs(entry.Time));
                insert.Add("$actor", entry.Actor);
                insert.Add("$action", entry.Action);
                insert.Add("$target", entry.Target);
                insert.Add("$outcome", EnumText<AuditOutcome>.Of(entry.Outcome));
                insert.Add("$request", entry.RequestId);
                insert.Add("$source", entry.Source);
                insert.Add("$details", JsonSerializer.Serialize(entry.Details.ToDictionary(), QlrfJson.Options));
                insert.Add("$previous", entry.PreviousHash);
                insert.Add("$hash", entry.Hash);
                insert.ExecuteNonQuery();
            }

            using (var head = connection.CreateCommand())
            {
                head.Transaction = transaction;
                head.CommandText = """
                    INSERT INTO audit_heads (org, seq, hash) VALUES ($org, $seq, $hash)
                    ON CONFLICT (org) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                    """;
                head.Add("$org", entry.Organisation);
                head.Add("$seq", entry.Sequence);
                head.Add("$hash", entry.Hash);
                head.ExecuteNonQuery();
            }

            return entry;
        }, cancellationToken);
    }

    public Task<Page<AuditEntry>> QueryAsync(string organisation, AuditFilter filter, AuditOrder order, int limit, long? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_entries WHERE org = $org");
        command.Add("$org", organisation);
        Filter(sql, command, "actor", filter.Actor);
        Filter(sql, command, "action", filter.Action);
        Filter(sql, command, "target", filter.Target);
        Filter(sql, command, "outcome", filter.Outcome is { } o ? EnumText<AuditOutcome>.Of(o) : null);
        if (filter.From is { } from)
        {
            sql.Append(" AND at >= $from");
            command.Add("$from", SqliteValues.ToUnixMs(from));
        }

        if (filter.To is { } to)
        {
            sql.Append(" AND at < $to");
            command.Add("$to", SqliteValues.ToUnixMs(to));
        }

        var newest = order == AuditOrder.NewestFirst;
        if (after is not null)
        {
            sql.Append(newest ? " AND seq < $after" : " AND seq > $after");
            command.Add("$after", after.Value);
        }

        sql.Append(newest ? " ORDER BY seq DESC" : " ORDER BY seq").Append(" LIMIT $n");
        command.Add("$n", limit + 1);
        command.CommandText = sql.ToString();
        var entries = new List<AuditEntry>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                entries.Add(ReadEntry(reader));
            }
        }

        return Task.FromResult(SqliteQueue.Paging(entries, limit, e => e.Sequence.ToString(CultureInfo.InvariantCulture)));
    }

    public Task<AuditHead?> GetHeadAsync(string organisation, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        return Task.FromResult(ReadHead(connection, null, organisation));
    }

    private static AuditHead? ReadHead(SqliteConnection connection, SqliteTransaction? transaction, string organisation)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM audit_heads WHERE org = $org";
        command.Add("$org", organisation);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private static void Filter(StringBuilder sql, SqliteCommand command, string column, string? value)
    {
        if (value is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} = ${column}");
            command.Add("$" + column, value);
        }
    }

    private static AuditEntry ReadEntry(SqliteDataReader reader) => new()
    {
        Organisation = reader.GetString(0),
        Sequence = reader.GetInt64(1),
        Time = reader.GetTime(2),
        Actor = reader.GetString(3),
        Action = reader.GetString(4),
        Target = reader.GetString(5),
        Outcome = EnumText<AuditOutcome>.TryParse(reader.GetString(6), out var outcome) ? outcome : (AuditOutcome)(-1),
        RequestId = reader.GetString(7),
        Source = reader.GetString(8),
        Details = ReadDetails(reader.GetString(9)),
        PreviousHash = reader.GetString(10),
        Hash = reader.GetString(11),
    };

    /// <summary>Details as stored; a row edited into something unreadable still reads, so that verification can report it.</summary>
    private static Dictionary<string, string> ReadDetails(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json, QlrfJson.Options) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string> { ["unreadable"] = json };
        }
    }
}
