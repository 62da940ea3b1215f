using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Paging;
using Qlrf.Rollouts;

namespace Qlrf.Store.Sqlite;

/// <summary>Rollouts on the embedded store; asset results and policy exceptions are in the other parts of this class.</summary>
public sealed partial class SqliteRolloutStore(SqliteDatabase database) : IRolloutStore
{
    private const string Columns = "body, stages";

    public async Task<(Rollout Rollout, bool Created)> CreateAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var created = await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO rollouts (org, id, created_at, status, family, requested_by, idempotency_key, body)
                VALUES ($org, $id, $at, $status, $family, $by, $key, $body)
                ON CONFLICT DO NOTHING
                """;
            command.Add("$org", rollout.Organisation);
            command.Add("$id", rollout.Id);
            command.Add("$at", SqliteValues.ToUnixMs(rollout.CreatedAt));
            command.Add("$status", EnumText<RolloutStatus>.Of(rollout.Status));
            command.Add("$family", rollout.Request.Target.ImageFamily);
            command.Add("$by", rollout.RequestedBy);
            command.Add("$key", rollout.IdempotencyKey);
            command.Add("$body", JsonSerializer.Serialize(rollout, QlrfJson.Options));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
        if (created)
        {
            return (rollout, true);
        }

        var existing = rollout.IdempotencyKey is { } key
            ? Read("SELECT body, NULL FROM rollouts WHERE org = $org AND idempotency_key = $key", c => { c.Add("$org", rollout.Organisation); c.Add("$key", key); })
                .Select(r => r.Rollout).FirstOrDefault()
            : null;
        return (existing ?? throw new ConflictException($"A rollout '{rollout.Id}' exists already."), false);
    }

    public Task<Rollout?> GetAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        Task.FromResult(Read($"SELECT {Columns} FROM rollouts WHERE org = $org AND id = $id", c => { c.Add("$org", organisation); c.Add("$id", rolloutId); })
            .Select(r => r.Rollout).FirstOrDefault());

    public Task<Page<Rollout>> ListAsync(string organisation, RolloutFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rollouts = Read(
            """
            SELECT body, NULL FROM rollouts
            WHERE org = $org AND ($after IS NULL OR id < $after) AND ($status IS NULL OR status = $status)
              AND ($family IS NULL OR family = $family) AND ($by IS NULL OR requested_by = $by)
            ORDER BY id DESC LIMIT $n
            """,
            c =>
            {
                c.Add("$org", organisation);
                c.Add("$after", after);
                c.Add("$status", filter.Status is { } s ? EnumText<RolloutStatus>.Of(s) : null);
                c.Add("$family", filter.ImageFamily);
                c.Add("$by", filter.RequestedBy);
                c.Add("$n", limit + 1);
            }).Select(r => r.Rollout).ToList();
        return Task.FromResult(SqliteQueue.Paging(rollouts, limit, r => r.Id));
    }

    public Task<IReadOnlyList<Rollout>> ListByFamilyAsync(string organisation, string family, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Rollout>>(Read("SELECT body, NULL FROM rollouts WHERE org = $org AND family = $family AND created_at >= $since ORDER BY created_at", c =>
        {
            c.Add("$org", organisation);
            c.Add("$family", family);
            c.Add("$since", SqliteValues.ToUnixMs(since));
        }).Select(r => r.Rollout).ToList());

    public Task<Rollout> UpdateAsync(string organisation, string rolloutId, Func<Rollout, Rollout> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return database.WriteAsync((connection, transaction) => Update(connection, transaction, organisation, rolloutId, change, null), cancellationToken);
    }

    public Task<IReadOnlyList<RolloutStage>> GetStagesAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        Task.FromResult(Read($"SELECT {Columns} FROM rollouts WHERE org = $org AND id = $id", c => { c.Add("$org", organisation); c.Add("$id", rolloutId); })
            .Select(r => r.Stages).FirstOrDefault() ?? []);

    private static Rollout Update(
        SqliteConnection connection, SqliteTransaction transaction, string organisation, string rolloutId, Func<Rollout, Rollout> change, IReadOnlyList<RolloutStage>? stages)
    {
        string body;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT body FROM rollouts WHERE org = $org AND id = $id";
            read.Add("$org", organisation);
            read.Add("$id", rolloutId);
            body = read.ExecuteScalar() as string ?? throw new NotFoundException($"There is no rollout '{rolloutId}'.");
        }

        var updated = change(JsonSerializer.Deserialize<Rollout>(body, QlrfJson.Options)!);
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE rollouts SET status = $status, body = $body, stages = COALESCE($stages, stages) WHERE org = $org AND id = $id";
        write.Add("$status", EnumText<RolloutStatus>.Of(updated.Status));
        write.Add("$body", JsonSerializer.Serialize(updated, QlrfJson.Options));
        write.Add("$stages", stages is null ? null : JsonSerializer.Serialize(stages, QlrfJson.Options));
        write.Add("$org", organisation);
        write.Add("$id", rolloutId);
        write.ExecuteNonQuery();
        return updated;
    }

    private List<(Rollout Rollout, IReadOnlyList<RolloutStage>? Stages)> Read(string sql, Action<SqliteCommand> bind)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var rows = new List<(Rollout, IReadOnlyList<RolloutStage>?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var stages = reader.GetStringOrNull(1);
            rows.Add((
                JsonSerializer.Deserialize<Rollout>(reader.GetString(0), QlrfJson.Options)!,
                stages is null ? null : JsonSerializer.Deserialize<List<RolloutStage>>(stages, QlrfJson.Options)));
        }

        return rows;
    }
}
