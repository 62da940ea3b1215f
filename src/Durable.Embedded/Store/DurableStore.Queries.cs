using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Paging;

namespace Qlrf.Durable;

/// <summary>Reads: instance state, queries, and the census behind the metrics.</summary>
internal sealed partial class DurableStore
{
    private const string MetadataColumns = "instance_id, name, status, created_at, updated_at, completed_at, failure";
    private const string PayloadColumns = ", input, output, custom_status";

    public OrchestrationMetadata? GetInstance(string instanceId, bool withPayloads)
    {
        using var connection = database.OpenRead();
        using var command = Sql.Command(connection, null,
            $"SELECT {MetadataColumns}{(withPayloads ? PayloadColumns : string.Empty)} FROM durable_instances WHERE instance_id = $i");
        command.Add("$i", instanceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadMetadata(reader, withPayloads) : null;
    }

    /// <summary>Instances matching the query, newest first; the cursor is the last one's (created_at, instance_id).</summary>
    public Page<OrchestrationMetadata> Query(OrchestrationQuery query)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        using var connection = database.OpenRead();
        using var command = Sql.Command(connection, null, string.Empty);
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Distinct().Select((s, i) => (Name: $"$s{i}", Value: Sql.Text(s))).ToList();
            where.Append(CultureInfo.InvariantCulture, $" AND status IN ({string.Join(", ", names.Select(n => n.Name))})");
            foreach (var (name, value) in names)
            {
                command.Add(name, value);
            }
        }

        if (query.Name is { } orchestrator)
        {
            where.Append(" AND name = $name");
            command.Add("$name", orchestrator);
        }

        if (query.CreatedFrom is { } from)
        {
            where.Append(" AND created_at >= $from");
            command.Add("$from", Sql.Ms(from));
        }

        if (query.CreatedTo is { } to)
        {
            where.Append(" AND created_at < $to");
            command.Add("$to", Sql.Ms(to));
        }

        if (query.ContinuationToken is { } token)
        {
            var (createdAt, afterId) = ReadCursor(token);
            where.Append(" AND (created_at < $cAt OR (created_at = $cAt AND instance_id < $cId))");
            command.Add("$cAt", createdAt).Add("$cId", afterId);
        }

        command.CommandText = $"""
            SELECT {MetadataColumns}{(query.FetchInputsAndOutputs ? PayloadColumns : string.Empty)}
            FROM durable_instances {where} ORDER BY created_at DESC, instance_id DESC LIMIT $n
            """;
        command.Add("$n", query.PageSize + 1);
        var items = new List<OrchestrationMetadata>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(ReadMetadata(reader, query.FetchInputsAndOutputs));
            }
        }

        if (items.Count <= query.PageSize)
        {
            return new Page<OrchestrationMetadata>(items, null);
        }

        items.RemoveAt(query.PageSize);
        var last = items[^1];
        return new Page<OrchestrationMetadata>(items, $"{Sql.Ms(last.CreatedAt).ToString(CultureInfo.InvariantCulture)}|{last.InstanceId}");
    }

    /// <summary>Instances by status, and the depth of each queue, for the metrics.</summary>
    public (Dictionary<OrchestrationRuntimeStatus, long> Instances, long ReadyInstances, long Timers, long Activities) Census()
    {
        using var connection = database.OpenRead();
        var instances = new Dictionary<OrchestrationRuntimeStatus, long>();
        using (var byStatus = Sql.Command(connection, null, "SELECT status, count(*) FROM durable_instances GROUP BY status"))
        using (var reader = byStatus.ExecuteReader())
        {
            while (reader.Read())
            {
                instances[EnumText<OrchestrationRuntimeStatus>.Parse(reader.GetString(0))] = reader.GetInt64(1);
            }
        }

        var now = Sql.Ms(time.GetUtcNow());
        using var depths = Sql.Command(connection, null, """
            SELECT
              (SELECT count(*) FROM durable_instances WHERE ready_at <= $now),
              (SELECT count(*) FROM durable_messages WHERE visible_at > $now),
              (SELECT count(*) FROM durable_activities)
            """);
        depths.Add("$now", now);
        using var counts = depths.ExecuteReader();
        counts.Read();
        return (instances, counts.GetInt64(0), counts.GetInt64(1), counts.GetInt64(2));
    }

    private static (long CreatedAt, string InstanceId) ReadCursor(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(token.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt))
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token));
        }

        return (createdAt, token[(bar + 1)..]);
    }

    private static OrchestrationMetadata ReadMetadata(SqliteDataReader reader, bool withPayloads) =>
        new(reader.GetString(1), reader.GetString(0))
        {
            RuntimeStatus = EnumText<OrchestrationRuntimeStatus>.Parse(reader.GetString(2)),
            CreatedAt = Sql.Time(reader.GetInt64(3)),
            LastUpdatedAt = Sql.Time(reader.GetInt64(4)),
            CompletedAt = reader.Int64OrNull(5) is { } done ? Sql.Time(done) : null,
            FailureDetails = Sql.ReadFailure(reader.StringOrNull(6)),
            SerializedInput = withPayloads ? reader.StringOrNull(7) : null,
            SerializedOutput = withPayloads ? reader.StringOrNull(8) : null,
            SerializedCustomStatus = withPayloads ? reader.StringOrNull(9) : null,
        };
}
