using Qlrf.Discovery;
using Qlrf.Errors;
using Qlrf.Inventory;
using Qlrf.Messaging;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// Sweep runs, snapshots and the sweep commit on Table Storage (<see cref="TableNames.Discovery"/>). A commit is too
/// big for one batch, so it is made durable first and applied after, idempotently: its snapshot writes and events go
/// to outbox rows; one batch then records the run as finished; then the snapshot rows are written, the events
/// published (<see cref="IAssetChangePublisher"/>) and the outbox removed, and last the source's guard. A host that
/// stops part-way leaves the guard, and the next start of that source (or <see cref="FailInterruptedRunsAsync"/>)
/// completes a finished run's commit, or fails a run that never finished (after <see cref="StaleAfter"/> when
/// another host may still be running it). Snapshot versions and published events therefore never disagree.
/// </summary>
public sealed class TableDiscoveryStore(ITables tables, TableInventoryStore inventory, IAssetChangePublisher publisher, TimeProvider time) : IDiscoveryStore
{
    /// <summary>How long after its start a run still marked running is taken for interrupted: the longest sweep timeout and a margin.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6) + TimeSpan.FromMinutes(10);

    private const string GuardPartition = "running";

    private ITable Table => tables[TableNames.Discovery];

    public async Task StartRunAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Table.UpsertAsync(new TableRow(GuardPartition, TableKeys.Join(run.Organisation, run.Source)), cancellationToken);
            var guard = new TableRow(run.Organisation, TableKeys.Join("running", run.Source)) { ["RunId"] = run.Id, ["StartedAt"] = run.StartedAt };
            try
            {
                await Table.SubmitAsync([TableAction.Add(guard), .. RunRows(run).Select(TableAction.Upsert)], cancellationToken);
                return;
            }
            catch (TableConflictException)
            {
                if (await RecoverAsync(run.Organisation, run.Source, time.GetUtcNow() - StaleAfter, "The host stopped before the sweep finished.", null, cancellationToken) == Recovery.Busy)
                {
                    break;
                }
            }
        }

        throw new ConflictException($"Source '{run.Source}' is already sweeping.");
    }

    public async Task<IReadOnlyDictionary<string, SnapshotEntry>> LoadSnapshotAsync(string organisation, string source, CancellationToken cancellationToken)
    {
        var snapshot = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryPrefixAsync(organisation, SnapshotPrefix(source), cancellationToken))
        {
            snapshot[row.Text("AssetId")] = new SnapshotEntry(row.Text("Hash"), row.Number("Version"), row.GetString("Json") is null);
        }

        return snapshot;
    }

    public async Task<IReadOnlyDictionary<string, Asset>> LoadSnapshotAssetsAsync(string organisation, string source, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var id in assetIds)
        {
            if (await Table.GetAsync(organisation, SnapshotPrefix(source) + TableKeys.Escape(id), cancellationToken) is { } row && row.GetString("Json") is not null)
            {
                assets[id] = JsonColumns.Read<Asset>(row);
            }
        }

        return assets;
    }

    public async Task CommitSweepAsync(SweepCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var run = commit.Run;
        var guard = await Table.GetAsync(run.Organisation, TableKeys.Join("running", run.Source), cancellationToken);
        if (guard?.GetString("RunId") != run.Id || (await GetRunAsync(run.Organisation, run.Id, cancellationToken))?.Status != SweepStatus.Running)
        {
            throw new ConflictException($"Sweep run '{run.Id}' is no longer running; its results were not committed.");
        }

        var outbox = OutboxPrefix(run.Source, run.Id);
        var rows = commit.Snapshot.Select(w => SnapshotRow(run, w, outbox + "w" + TableKeys.Separator + TableKeys.Escape(w.AssetId)))
            .Concat(commit.Changes.Select((c, i) => JsonRow(run.Organisation, outbox + "e" + TableKeys.Separator + TableKeys.Number(i), c)));
        foreach (var chunk in TableLimits.Batches(rows))
        {
            await Table.SubmitAsync(chunk.ConvertAll(TableAction.Upsert), cancellationToken);
        }

        await inventory.WriteSitesAsync(run.Organisation, commit.Sites, cancellationToken);
        await Table.SubmitAsync([.. RunRows(run).Select(TableAction.Upsert), .. LatestRows(run).Select(TableAction.Upsert)], cancellationToken);
        await ApplyAsync(run.Organisation, run.Source, run.Id, cancellationToken);
    }

    public async Task FinishRunAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await Table.SubmitAsync([.. RunRows(run).Select(TableAction.Upsert), .. LatestRows(run).Select(TableAction.Upsert)], cancellationToken);
        await ReleaseAsync(run.Organisation, run.Source, run.Id, cancellationToken);
    }

    public async Task<SweepRun?> GetRunAsync(string organisation, string runId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, TableKeys.Join("r", runId), cancellationToken) is { } row ? JsonColumns.Read<SweepRun>(row) : null;

    public async Task<Page<SweepRun>> ListRunsAsync(string organisation, string? source, int limit, string? afterId, CancellationToken cancellationToken)
    {
        string? after = null;
        if (afterId is not null && await GetRunAsync(organisation, afterId, cancellationToken) is { } previous)
        {
            after = NewestKey(previous);
        }

        var runs = new List<SweepRun>();
        await foreach (var row in Table.QueryAsync(organisation, after ?? "n" + TableKeys.Separator, TableKeys.PrefixEnd("n" + TableKeys.Separator), cancellationToken))
        {
            var run = JsonColumns.Read<SweepRun>(row);
            if (row.RowKey == after || (source is not null && run.Source != source))
            {
                continue;
            }

            runs.Add(run);
            if (runs.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(runs, limit, r => r.Id);
    }

    public async Task<IReadOnlyList<SweepRun>> LatestRunsAsync(string organisation, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, "latest" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken)).ConvertAll(JsonColumns.Read<SweepRun>);

    public async Task<IReadOnlyList<SweepRun>> LatestSucceededRunsAsync(string organisation, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, "succeeded" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken)).ConvertAll(JsonColumns.Read<SweepRun>);

    public async Task<int> FailInterruptedRunsAsync(string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var failed = 0;
        await foreach (var entry in Table.QueryAsync(GuardPartition, null, null, cancellationToken))
        {
            var parts = entry.RowKey.Split(TableKeys.Separator);
            var (organisation, source) = (TableKeys.Unescape(parts[0]), TableKeys.Unescape(parts[1]));
            if (await RecoverAsync(organisation, source, DateTimeOffset.MaxValue, reason, at, cancellationToken) == Recovery.Failed)
            {
                failed++;
            }
        }

        return failed;
    }

    private enum Recovery
    {
        /// <summary>A run holds the guard and may still be sweeping.</summary>
        Busy,

        /// <summary>The guard was free, or its finished run's commit was completed.</summary>
        Freed,

        /// <summary>Its run never finished and was failed.</summary>
        Failed,
    }

    /// <summary>
    /// Frees the source's guard if it is left over: completes a finished run's commit, or fails a run started before
    /// <paramref name="staleBefore"/> (dropping its unapplied outbox).
    /// </summary>
    private async Task<Recovery> RecoverAsync(string organisation, string source, DateTimeOffset staleBefore, string reason, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (await Table.GetAsync(organisation, TableKeys.Join("running", source), cancellationToken) is not { } guard)
        {
            await Table.DeleteAsync(GuardPartition, TableKeys.Join(organisation, source), cancellationToken);
            return Recovery.Freed;
        }

        var runId = guard.Text("RunId");
        var run = await GetRunAsync(organisation, runId, cancellationToken);
        if (run is { IsFinished: true })
        {
            await ApplyAsync(organisation, source, runId, cancellationToken);
            return Recovery.Freed;
        }

        if (run is not null && run.StartedAt >= staleBefore)
        {
            return Recovery.Busy;
        }

        if (run is not null)
        {
            var failedRun = run with { Status = SweepStatus.Failed, FinishedAt = at ?? time.GetUtcNow(), Errors = [new SweepError("host", reason)], Counts = SweepCounts.None };
            await Table.SubmitAsync([.. RunRows(failedRun).Select(TableAction.Upsert), .. LatestRows(failedRun).Select(TableAction.Upsert)], cancellationToken);
        }

        await DeleteOutboxAsync(organisation, OutboxPrefix(source, runId), cancellationToken);
        await ReleaseAsync(organisation, source, runId, cancellationToken);
        return run is null ? Recovery.Freed : Recovery.Failed;
    }

    /// <summary>Applies a finished run's outbox: snapshot rows, then events, then removes the outbox and the guard. Idempotent.</summary>
    private async Task ApplyAsync(string organisation, string source, string runId, CancellationToken cancellationToken)
    {
        var outbox = await Table.QueryPrefixAsync(organisation, OutboxPrefix(source, runId), cancellationToken).ToListAsync(cancellationToken);
        var writes = outbox.Where(r => r.RowKey.Split(TableKeys.Separator)[^2] == "w").ToList();
        foreach (var chunk in TableLimits.Batches(writes.Select(w => Rekey(w, SnapshotPrefix(source) + w.RowKey.Split(TableKeys.Separator)[^1]))))
        {
            await Table.SubmitAsync(chunk.ConvertAll(TableAction.Upsert), cancellationToken);
        }

        var events = outbox.Where(r => r.RowKey.Split(TableKeys.Separator)[^2] == "e").Select(JsonColumns.Read<AssetChanged>).ToList();
        if (events.Count > 0)
        {
            await publisher.PublishAsync(events, cancellationToken);
        }

        await DeleteOutboxAsync(organisation, OutboxPrefix(source, runId), cancellationToken);
        await ReleaseAsync(organisation, source, runId, cancellationToken);
    }

    private async Task DeleteOutboxAsync(string organisation, string prefix, CancellationToken cancellationToken)
    {
        var rows = await Table.QueryPrefixAsync(organisation, prefix, cancellationToken).ToListAsync(cancellationToken);
        foreach (var chunk in rows.Chunk(100))
        {
            await Table.SubmitAsync(chunk.Select(r => TableAction.Delete(r)).ToList(), cancellationToken);
        }
    }

    private async Task ReleaseAsync(string organisation, string source, string runId, CancellationToken cancellationToken)
    {
        if (await Table.GetAsync(organisation, TableKeys.Join("running", source), cancellationToken) is { } guard && guard.GetString("RunId") == runId)
        {
            try
            {
                await Table.SubmitAsync([TableAction.Delete(guard, guard.ETag)], cancellationToken);
            }
            catch (TablePreconditionException)
            {
                // Taken over meanwhile.
            }
        }

        await Table.DeleteAsync(GuardPartition, TableKeys.Join(organisation, source), cancellationToken);
    }

    private static IEnumerable<TableRow> RunRows(SweepRun run)
    {
        yield return JsonRow(run.Organisation, TableKeys.Join("r", run.Id), run);
        yield return JsonRow(run.Organisation, NewestKey(run), run);
    }

    private static IEnumerable<TableRow> LatestRows(SweepRun run)
    {
        yield return JsonRow(run.Organisation, TableKeys.Join("latest", run.Source), run);
        if (run.Status == SweepStatus.Succeeded)
        {
            yield return JsonRow(run.Organisation, TableKeys.Join("succeeded", run.Source), run);
        }
    }

    private static TableRow SnapshotRow(SweepRun run, SnapshotWrite write, string rowKey)
    {
        var row = new TableRow(run.Organisation, rowKey) { ["AssetId"] = write.AssetId, ["Hash"] = write.Hash, ["Version"] = write.Version };
        if (write.Asset is not null)
        {
            JsonColumns.Write(row, write.Asset);
        }

        return row;
    }

    private static TableRow Rekey(TableRow row, string rowKey)
    {
        var copy = new TableRow(row.PartitionKey, rowKey);
        foreach (var (name, value) in row.Properties)
        {
            copy[name] = value;
        }

        return copy;
    }

    private static TableRow JsonRow<T>(string organisation, string rowKey, T value)
    {
        var row = new TableRow(organisation, rowKey);
        JsonColumns.Write(row, value);
        return row;
    }

    private static string NewestKey(SweepRun run) => TableKeys.Join("n", TableKeys.Descending(run.StartedAt.UtcTicks), run.Id);

    private static string SnapshotPrefix(string source) => TableKeys.Join("p", source) + TableKeys.Separator;

    private static string OutboxPrefix(string source, string runId) => TableKeys.Join("o", source, runId) + TableKeys.Separator;
}
