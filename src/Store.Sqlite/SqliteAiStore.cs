using System.Globalization;
using Qlrf.Ai;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>AI tasks and model token usage on the embedded store.</summary>
public sealed class SqliteAiStore(SqliteDatabase database) : IAiTaskStore, IAiUsageStore
{
    public Task<AiTask> CreateAsync(AiTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var created = task with { ETag = 1 };
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO ai_tasks (org, id, body, etag) VALUES ($org, $id, $body, 1)";
            command.Add("$org", created.Organisation);
            command.Add("$id", created.Id);
            command.Add("$body", QlrfJson.Serialize(created));
            return command.ExecuteNonQuery() == 1 ? created : Read(created.Organisation, created.Id)!;
        }, cancellationToken);
    }

    public Task<AiTask?> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Read(organisation, id));

    public Task<Page<AiTask>> ListAsync(string organisation, int limit, string? after, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM ai_tasks WHERE org = $org AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $n";
        command.Add("$org", organisation);
        command.Add("$after", after);
        command.Add("$n", limit + 1);
        var items = new List<AiTask>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(QlrfJson.Deserialize<AiTask>(reader.GetString(0))!);
            }
        }

        return Task.FromResult(SqliteQueue.Paging(items, limit, t => t.Id));
    }

    public Task<AiTask?> ReplaceAsync(AiTask task, long expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var next = task with { ETag = expectedETag + 1 };
        return database.WriteAsync<AiTask?>((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE ai_tasks SET body = $body, etag = $next WHERE org = $org AND id = $id AND etag = $expected";
            command.Add("$body", QlrfJson.Serialize(next));
            command.Add("$next", next.ETag);
            command.Add("$org", next.Organisation);
            command.Add("$id", next.Id);
            command.Add("$expected", expectedETag);
            return command.ExecuteNonQuery() == 1 ? next : null;
        }, cancellationToken);
    }

    public Task AddAsync(string organisation, DateOnly day, AiUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO ai_usage (org, day, tokens_in, tokens_out, calls) VALUES ($org, $day, $in, $out, $calls)
                ON CONFLICT (org, day) DO UPDATE SET tokens_in = tokens_in + excluded.tokens_in, tokens_out = tokens_out + excluded.tokens_out, calls = calls + excluded.calls
                """;
            command.Add("$org", organisation);
            command.Add("$day", Day(day));
            command.Add("$in", usage.InputTokens);
            command.Add("$out", usage.OutputTokens);
            command.Add("$calls", usage.Calls);
            command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AiUsageDay>> ListAsync(string organisation, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, tokens_in, tokens_out, calls FROM ai_usage WHERE org = $org AND day >= $from AND day <= $to ORDER BY day";
        command.Add("$org", organisation);
        command.Add("$from", Day(from));
        command.Add("$to", Day(to));
        var days = new List<AiUsageDay>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            days.Add(new AiUsageDay(organisation, DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3)));
        }

        return Task.FromResult<IReadOnlyList<AiUsageDay>>(days);
    }

    private AiTask? Read(string organisation, string id)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM ai_tasks WHERE org = $org AND id = $id";
        command.Add("$org", organisation);
        command.Add("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? QlrfJson.Deserialize<AiTask>(reader.GetString(0)) : null;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
