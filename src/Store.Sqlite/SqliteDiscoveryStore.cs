using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Discovery;
using Qlrf.Errors;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>Sweep runs, snapshots and the sweep commit (with its outbox) on the embedded store.</summary>
public sealed class SqliteDiscoveryStore(SqliteDatabase database, SqliteAssetChangeQueue queue, SqliteInventoryStore inventory, TimeProvider time) : IDiscoveryStore
{
    private const string RunColumns = "org, id, source, trigger, status, started_at, finished_at, counts, errors";

    public async Task StartRunAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await database.WriteAsync((connection, transaction) => UpsertRun(connection, transaction, run), cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ConflictException($"Source '{run.Source}' is already sweeping.");
        }
    }

    public Task<IReadOnlyDictionary<string, SnapshotEntry>> LoadSnapshotAsync(string organisation, string source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT asset_id, hash, version, removed FROM discovery_snapshot WHERE org = $org AND source = $source";
        command.Add("$org", organisation);
        command.Add("$source", source);
        var snapshot = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            snapshot[reader.GetString(0)] = new SnapshotEntry(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0);
        }

        return Task.FromResult<IReadOnlyDictionary<string, SnapshotEntry>>(snapshot);
    }

    public Task<IReadOnlyDictionary<string, Asset>> LoadSnapshotAssetsAsync(string organisation, string source, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<string, Asset>(StringComparer.Ordinal);
        if (assetIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, Asset>>(result);
        }

        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT asset FROM discovery_snapshot_content WHERE org = $org AND source = $source AND asset_id = $id";
        command.Add("$org", organisation);
        command.Add("$source", source);
        var id = command.Add("$id", string.Empty);
        command.Prepare();
        foreach (var assetId in assetIds)
        {
            id.Value = assetId;
            if (command.ExecuteScalar() is string json && JsonSerializer.Deserialize<Asset>(json, QlrfJson.Options) is { } asset)
            {
                result[assetId] = asset;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, Asset>>(result);
    }

    public async Task CommitSweepAsync(SweepCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var run = commit.Run;
        await database.WriteAsync((connection, transaction) =>
        {
            EnsureStillRunning(connection, transaction, run);
            WriteSites(connection, transaction, run, commit.Sites);
            WriteSnapshot(connection, transaction, run, commit.Snapshot);
            queue.Enqueue(connection, transaction, commit.Changes);
            UpsertRun(connection, transaction, run);
        }, cancellationToken);
        inventory.Invalidate();
        if (commit.Changes.Count > 0)
        {
            queue.Notify();
        }
    }

    public Task FinishRunAsync(SweepRun run, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => UpsertRun(connection, transaction, run), cancellationToken);

    public Task<SweepRun?> GetRunAsync(string organisation, string runId, CancellationToken cancellationToken)
    {
        var runs = ReadRuns($"SELECT {RunColumns} FROM sweep_runs WHERE org = $org AND id = $id", c =>
        {
            c.Add("$org", organisation);
            c.Add("$id", runId);
        });
        return Task.FromResult(runs.FirstOrDefault());
    }

    public Task<Page<SweepRun>> ListRunsAsync(string organisation, string? source, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var runs = ReadRuns(
            $"""
            SELECT {RunColumns} FROM sweep_runs
            WHERE org = $org AND ($source IS NULL OR source = $source) AND ($after IS NULL OR id < $after)
            ORDER BY id DESC LIMIT $n
            """,
            c =>
            {
                c.Add("$org", organisation);
                c.Add("$source", source);
                c.Add("$after", afterId);
                c.Add("$n", limit + 1);
            });
        return Task.FromResult(SqliteQueue.Paging(runs, limit, r => r.Id));
    }

    public Task<IReadOnlyList<SweepRun>> LatestRunsAsync(string organisation, CancellationToken cancellationToken)
    {
        var runs = ReadRuns(
            $"""
            SELECT {RunColumns} FROM sweep_runs r
            WHERE org = $org AND status <> 'running'
              AND id = (SELECT max(id) FROM sweep_runs x WHERE x.org = r.org AND x.source = r.source AND x.status <> 'running')
            ORDER BY source
            """,
            c => c.Add("$org", organisation));
        return Task.FromResult<IReadOnlyList<SweepRun>>(runs);
    }

    public Task<IReadOnlyList<SweepRun>> LatestSucceededRunsAsync(string organisation, CancellationToken cancellationToken)
    {
        var runs = ReadRuns(
            $"""
            SELECT {RunColumns} FROM sweep_runs r
            WHERE org = $org AND status = 'succeeded'
              AND id = (SELECT max(id) FROM sweep_runs x WHERE x.org = r.org AND x.source = r.source AND x.status = 'succeeded')
            ORDER BY source
            """,
            c => c.Add("$org", organisation));
        return Task.FromResult<IReadOnlyList<SweepRun>>(runs);
    }

    public Task<int> FailInterruptedRunsAsync(string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE sweep_runs SET status = 'failed', finished_at = $at, errors = $errors WHERE status = 'running'";
            command.Add("$at", SqliteValues.ToUnixMs(at));
            command.Add("$errors", JsonSerializer.Serialize(new List<SweepError> { new("host", reason) }, QlrfJson.Options));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static void EnsureStillRunning(SqliteConnection connection, SqliteTransaction transaction, SweepRun run)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT status FROM sweep_runs WHERE org = $org AND id = $id";
        command.Add("$org", run.Organisation);
        command.Add("$id", run.Id);
        if (command.ExecuteScalar() as string != "running")
        {
            throw new ConflictException($"Sweep run '{run.Id}' is no longer running; its results were not committed.");
        }
    }

    private void WriteSites(SqliteConnection connection, SqliteTransaction transaction, SweepRun run, IReadOnlyList<Site> sites)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO sites (org, name, platform, region, kind, source, updated_at) VALUES ($org, $name, $platform, $region, $kind, $source, $at)
            ON CONFLICT (org, name) DO UPDATE SET platform = excluded.platform, region = excluded.region, kind = excluded.kind,
              source = excluded.source, updated_at = excluded.updated_at
            WHERE platform <> excluded.platform OR region <> excluded.region OR kind <> excluded.kind OR source <> excluded.source
            """;
        foreach (var site in sites)
        {
            command.Parameters.Clear();
            command.Add("$org", run.Organisation);
            command.Add("$name", site.Name);
            command.Add("$platform", EnumText<Platform>.Of(site.Platform));
            command.Add("$region", site.Region);
            command.Add("$kind", EnumText<SiteKind>.Of(site.Kind));
            command.Add("$source", run.Source);
            command.Add("$at", SqliteValues.ToUnixMs(time.GetUtcNow()));
            command.ExecuteNonQuery();
        }
    }

    private static void WriteSnapshot(SqliteConnection connection, SqliteTransaction transaction, SweepRun run, IReadOnlyList<SnapshotWrite> rows)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO discovery_snapshot (org, source, asset_id, hash, version, removed) VALUES ($org, $source, $id, $hash, $version, $removed)
            ON CONFLICT (org, source, asset_id) DO UPDATE SET hash = excluded.hash, version = excluded.version, removed = excluded.removed
            """;
        upsert.Add("$org", run.Organisation);
        upsert.Add("$source", run.Source);
        var id = upsert.Add("$id", string.Empty);
        var hash = upsert.Add("$hash", string.Empty);
        var version = upsert.Add("$version", 0L);
        var removed = upsert.Add("$removed", 0);
        upsert.Prepare();

        using var content = connection.CreateCommand();
        content.Transaction = transaction;
        content.CommandText = "INSERT OR REPLACE INTO discovery_snapshot_content (org, source, asset_id, asset) VALUES ($org, $source, $id, $asset)";
        content.Add("$org", run.Organisation);
        content.Add("$source", run.Source);
        var contentId = content.Add("$id", string.Empty);
        var asset = content.Add("$asset", string.Empty);
        content.Prepare();

        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM discovery_snapshot_content WHERE org = $org AND source = $source AND asset_id = $id";
        delete.Add("$org", run.Organisation);
        delete.Add("$source", run.Source);
        var deleteId = delete.Add("$id", string.Empty);
        delete.Prepare();

        foreach (var row in rows)
        {
            id.Value = row.AssetId;
            hash.Value = row.Hash;
            version.Value = row.Version;
            removed.Value = row.Asset is null ? 1 : 0;
            upsert.ExecuteNonQuery();
            if (row.Asset is null)
            {
                deleteId.Value = row.AssetId;
                delete.ExecuteNonQuery();
            }
            else
            {
                contentId.Value = row.AssetId;
                asset.Value = JsonSerializer.Serialize(row.Asset, QlrfJson.Options);
                content.ExecuteNonQuery();
            }
        }
    }

    private static void UpsertRun(SqliteConnection connection, SqliteTransaction transaction, SweepRun run)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO sweep_runs ({RunColumns}) VALUES ($org, $id, $source, $trigger, $status, $started, $finished, $counts, $errors)
            ON CONFLICT (org, id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at,
              counts = excluded.counts, errors = excluded.errors
            """;
        command.Add("$org", run.Organisation);
        command.Add("$id", run.Id);
        command.Add("$source", run.Source);
        command.Add("$trigger", EnumText<SweepTrigger>.Of(run.Trigger));
        command.Add("$status", EnumText<SweepStatus>.Of(run.Status));
        command.Add("$started", SqliteValues.ToUnixMs(run.StartedAt));
        command.Add("$finished", SqliteValues.DbTime(run.FinishedAt));
        command.Add("$counts", JsonSerializer.Serialize(run.Counts, QlrfJson.Options));
        command.Add("$errors", JsonSerializer.Serialize(run.Errors, QlrfJson.Options));
        command.ExecuteNonQuery();
    }

    private List<SweepRun> ReadRuns(string sql, Action<SqliteCommand> bind)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var runs = new List<SweepRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new SweepRun
            {
                Organisation = reader.GetString(0),
                Id = reader.GetString(1),
                Source = reader.GetString(2),
                Trigger = EnumText<SweepTrigger>.Parse(reader.GetString(3)),
                Status = EnumText<SweepStatus>.Parse(reader.GetString(4)),
                StartedAt = reader.GetTime(5),
                FinishedAt = reader.GetTimeOrNull(6),
                Counts = JsonSerializer.Deserialize<SweepCounts>(reader.GetString(7), QlrfJson.Options) ?? SweepCounts.None,
                Errors = JsonSerializer.Deserialize<List<SweepError>>(reader.GetString(8), QlrfJson.Options) ?? [],
            });
        }

        return runs;
    }
}
