using Microsoft.Data.Sqlite;
using Qlrf.Json;
using Qlrf.Rollouts;

namespace Qlrf.Store.Sqlite;

/// <summary>The plan and each asset's result.</summary>
public sealed partial class SqliteRolloutStore
{
    private const string ResultColumns = "asset_id, stage, batch, status, from_version, to_version, changed, started_at, finished_at, detail, health";

    private const string ReadColumns = ResultColumns + ", progress, progress_at";

    public Task<Rollout> SavePlanAsync(
        string organisation, string rolloutId, IReadOnlyList<RolloutStage> stages, IReadOnlyList<RolloutAssetResult> assets, Func<Rollout, Rollout> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(change);
        return database.WriteAsync((connection, transaction) =>
        {
            var rollout = Update(connection, transaction, organisation, rolloutId, change, stages);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"""
                INSERT OR IGNORE INTO rollout_assets (org, rollout_id, position, {ResultColumns})
                VALUES ($org, $rollout, $position, $asset, $stage, $batch, $status, $from, $to, $changed, $started, $finished, $detail, $health)
                """;
            var parameters = ResultParameters(insert, organisation, rolloutId);
            for (var i = 0; i < assets.Count; i++)
            {
                Bind(parameters, assets[i], i);
                insert.ExecuteNonQuery();
            }

            return rollout;
        }, cancellationToken);
    }

    public Task SaveResultsAsync(string organisation, string rolloutId, IReadOnlyList<RolloutAssetResult> results, RolloutProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return database.WriteAsync((connection, transaction) =>
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = $"""
                INSERT INTO rollout_assets (org, rollout_id, position, {ResultColumns})
                VALUES ($org, $rollout, $position, $asset, $stage, $batch, $status, $from, $to, $changed, $started, $finished, $detail, $health)
                ON CONFLICT (org, rollout_id, asset_id) DO UPDATE SET
                    status = excluded.status,
                    from_version = COALESCE(excluded.from_version, from_version),
                    to_version = COALESCE(excluded.to_version, to_version),
                    changed = max(excluded.changed, changed),
                    started_at = COALESCE(excluded.started_at, started_at),
                    finished_at = COALESCE(excluded.finished_at, finished_at),
                    detail = excluded.detail,
                    health = COALESCE(excluded.health, health)
                """;
            var parameters = ResultParameters(upsert, organisation, rolloutId);
            foreach (var result in results)
            {
                Bind(parameters, result, int.MaxValue);
                upsert.ExecuteNonQuery();
            }

            if (progress is not null)
            {
                Update(connection, transaction, organisation, rolloutId, r => r with { Progress = progress }, null);
            }
        }, cancellationToken);
    }

    public Task SaveProgressAsync(string organisation, string rolloutId, string assetId, string progress, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE rollout_assets SET progress = $progress, progress_at = $at WHERE org = $org AND rollout_id = $rollout AND asset_id = $asset";
            update.Add("$progress", progress);
            update.Add("$at", SqliteValues.DbTime(at));
            update.Add("$org", organisation);
            update.Add("$rollout", rolloutId);
            update.Add("$asset", assetId);
            update.ExecuteNonQuery();
        }, cancellationToken);

    public Task<RolloutAssetResult?> GetResultAsync(string organisation, string rolloutId, string assetId, CancellationToken cancellationToken) =>
        Task.FromResult(ReadResults($"SELECT {ReadColumns} FROM rollout_assets WHERE org = $org AND rollout_id = $rollout AND asset_id = $asset", c =>
        {
            c.Add("$org", organisation);
            c.Add("$rollout", rolloutId);
            c.Add("$asset", assetId);
        }).FirstOrDefault());

    public Task<IReadOnlyList<RolloutAssetResult>> ListResultsAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RolloutAssetResult>>(ReadResults($"SELECT {ReadColumns} FROM rollout_assets WHERE org = $org AND rollout_id = $rollout ORDER BY position, asset_id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$rollout", rolloutId);
        }));

    private static SqliteParameter[] ResultParameters(SqliteCommand command, string organisation, string rolloutId)
    {
        command.Add("$org", organisation);
        command.Add("$rollout", rolloutId);
        string[] names = ["$position", "$asset", "$stage", "$batch", "$status", "$from", "$to", "$changed", "$started", "$finished", "$detail", "$health"];
        return names.Select(name => command.Add(name, null)).ToArray();
    }

    private static void Bind(SqliteParameter[] p, RolloutAssetResult r, int position)
    {
        p[0].Value = position;
        p[1].Value = r.AssetId;
        p[2].Value = r.Stage;
        p[3].Value = r.Batch;
        p[4].Value = EnumText<RolloutAssetStatus>.Of(r.Status);
        p[5].Value = SqliteValues.DbValue(r.FromVersion);
        p[6].Value = SqliteValues.DbValue(r.ToVersion);
        p[7].Value = r.Changed ? 1 : 0;
        p[8].Value = SqliteValues.DbTime(r.StartedAt);
        p[9].Value = SqliteValues.DbTime(r.FinishedAt);
        p[10].Value = SqliteValues.DbValue(r.Detail);
        p[11].Value = SqliteValues.DbValue(r.Health);
    }

    private List<RolloutAssetResult> ReadResults(string sql, Action<SqliteCommand> bind)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var results = new List<RolloutAssetResult>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(new RolloutAssetResult
            {
                AssetId = reader.GetString(0),
                Stage = reader.GetInt32(1),
                Batch = reader.GetInt32(2),
                Status = EnumText<RolloutAssetStatus>.Parse(reader.GetString(3)),
                FromVersion = reader.GetStringOrNull(4),
                ToVersion = reader.GetStringOrNull(5),
                Changed = reader.GetInt64(6) != 0,
                StartedAt = reader.GetTimeOrNull(7),
                FinishedAt = reader.GetTimeOrNull(8),
                Detail = reader.GetStringOrNull(9),
                Health = reader.GetStringOrNull(10),
                Progress = reader.GetStringOrNull(11),
                ProgressAt = reader.GetTimeOrNull(12),
            });
        }

        return results;
    }
}
