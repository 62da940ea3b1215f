using Qlrf.Rollouts;

namespace Qlrf.Store.Tables;

/// <summary>
/// The plan and each asset's result, in the rollout's partition. More than a batch holds, so results are written first
/// (in batches of 100; each row is its asset's alone) and the rollout row last: a plan is saved, or progress recorded,
/// when that row is. A retried save writes the same rows again and changes nothing more.
/// </summary>
public sealed partial class TableRolloutStore
{
    private const string StagesPrefix = "stages|";

    public async Task<Rollout> SavePlanAsync(
        string organisation, string rolloutId, IReadOnlyList<RolloutStage> stages, IReadOnlyList<RolloutAssetResult> assets, Func<Rollout, Rollout> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(change);
        var partition = Partition(organisation, rolloutId);
        _ = await FindAsync(organisation, rolloutId, cancellationToken) ?? throw new Errors.NotFoundException($"There is no rollout '{rolloutId}'.");
        var existing = (await Table.QueryPrefixAsync(partition, "a" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var pending = assets.Select((asset, position) => ResultRow(partition, asset, position)).Where(r => !existing.Contains(r.RowKey)).ToList();
        await JsonParts.UpsertAllAsync(Table, pending, cancellationToken);
        var stageRows = JsonParts.Rows(partition, StagesPrefix, stages);
        var stale = (await Table.QueryPrefixAsync(partition, StagesPrefix, cancellationToken).ToListAsync(cancellationToken))
            .Where(r => stageRows.TrueForAll(s => s.RowKey != r.RowKey)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var (rollout, etag) = await FindAsync(organisation, rolloutId, cancellationToken) ?? throw new Errors.NotFoundException($"There is no rollout '{rolloutId}'.");
            var updated = change(rollout);
            try
            {
                await Table.SubmitAsync(
                    [TableAction.Replace(Row(updated), etag), .. stageRows.Select(TableAction.Upsert), .. stale.Select(r => TableAction.Delete(r))], cancellationToken);
                return updated;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
            }
        }
    }

    public async Task SaveResultsAsync(string organisation, string rolloutId, IReadOnlyList<RolloutAssetResult> results, RolloutProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var partition = Partition(organisation, rolloutId);
        foreach (var chunk in results.Chunk(100))
        {
            await SaveChunkAsync(partition, chunk, cancellationToken);
        }

        if (progress is not null)
        {
            await UpdateAsync(organisation, rolloutId, r => r with { Progress = progress }, cancellationToken);
        }
    }

    public async Task SaveProgressAsync(string organisation, string rolloutId, string assetId, string progress, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = Partition(organisation, rolloutId);
        for (var attempt = 1; ; attempt++)
        {
            if (await Table.GetAsync(partition, ResultKey(assetId), cancellationToken) is not { } stored)
            {
                return;
            }

            var updated = ReadResult(stored) with { Progress = progress, ProgressAt = at };
            try
            {
                await Table.SubmitAsync([TableAction.Replace(ResultRow(partition, updated, stored.Number("Position")), stored.ETag)], cancellationToken);
                return;
            }
            catch (TablePreconditionException) when (attempt < Attempts)
            {
                // The result changed meanwhile: apply the report to the new one.
            }
        }
    }

    public async Task<RolloutAssetResult?> GetResultAsync(string organisation, string rolloutId, string assetId, CancellationToken cancellationToken) =>
        await Table.GetAsync(Partition(organisation, rolloutId), ResultKey(assetId), cancellationToken) is { } row ? ReadResult(row) : null;

    public async Task<IReadOnlyList<RolloutAssetResult>> ListResultsAsync(string organisation, string rolloutId, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(Partition(organisation, rolloutId), "a" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .OrderBy(r => r.Number("Position")).ThenBy(r => r.Text("AssetId"), StringComparer.Ordinal)
            .Select(ReadResult)
            .ToList();

    /// <summary>Merges results into their rows as the embedded store does (what the new result leaves out is kept), conditional on each row's ETag.</summary>
    private async Task SaveChunkAsync(string partition, IReadOnlyList<RolloutAssetResult> chunk, CancellationToken cancellationToken)
    {
        var groups = chunk.GroupBy(r => r.AssetId, StringComparer.Ordinal).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var actions = new List<TableAction>();
            foreach (var group in groups)
            {
                var stored = await Table.GetAsync(partition, ResultKey(group.Key), cancellationToken);
                var merged = group.Skip(1).Aggregate(stored is null ? group.First() : Merge(ReadResult(stored), group.First()), Merge);
                actions.Add(stored is null
                    ? TableAction.Add(ResultRow(partition, merged, int.MaxValue))
                    : TableAction.Replace(ResultRow(partition, merged, stored.Number("Position")), stored.ETag));
            }

            try
            {
                await Table.SubmitAsync(actions, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < Attempts)
            {
                // Another writer recorded one of these assets meanwhile: merge again.
            }
        }
    }

    /// <summary>The new result over the stored one: versions, times and health it leaves out are kept, <c>Changed</c> stays once set, the plan's stage and batch stay.</summary>
    private static RolloutAssetResult Merge(RolloutAssetResult before, RolloutAssetResult result) => result with
    {
        FromVersion = result.FromVersion ?? before.FromVersion,
        ToVersion = result.ToVersion ?? before.ToVersion,
        Changed = result.Changed || before.Changed,
        StartedAt = result.StartedAt ?? before.StartedAt,
        FinishedAt = result.FinishedAt ?? before.FinishedAt,
        Health = result.Health ?? before.Health,
        Progress = result.Progress ?? before.Progress,
        ProgressAt = result.ProgressAt ?? before.ProgressAt,
        Stage = before.Stage,
        Batch = before.Batch,
    };

    private static string ResultKey(string assetId) => TableKeys.Join("a", assetId);

    private static TableRow ResultRow(string partition, RolloutAssetResult result, long position) => new(partition, ResultKey(result.AssetId))
    {
        ["Position"] = position,
        ["AssetId"] = result.AssetId,
        ["Stage"] = result.Stage,
        ["Batch"] = result.Batch,
        ["Status"] = Json.EnumText<RolloutAssetStatus>.Of(result.Status),
        ["FromVersion"] = result.FromVersion,
        ["ToVersion"] = result.ToVersion,
        ["Changed"] = result.Changed,
        ["StartedAt"] = result.StartedAt,
        ["FinishedAt"] = result.FinishedAt,
        ["Detail"] = result.Detail,
        ["Health"] = result.Health,
        ["Progress"] = result.Progress,
        ["ProgressAt"] = result.ProgressAt,
    };

    private static RolloutAssetResult ReadResult(TableRow row) => new()
    {
        AssetId = row.Text("AssetId"),
        Stage = (int)row.Number("Stage"),
        Batch = (int)row.Number("Batch"),
        Status = Json.EnumText<RolloutAssetStatus>.Parse(row.Text("Status")),
        FromVersion = row.GetString("FromVersion"),
        ToVersion = row.GetString("ToVersion"),
        Changed = row["Changed"] is true,
        StartedAt = row.GetDate("StartedAt"),
        FinishedAt = row.GetDate("FinishedAt"),
        Detail = row.GetString("Detail"),
        Health = row.GetString("Health"),
        Progress = row.GetString("Progress"),
        ProgressAt = row.GetDate("ProgressAt"),
    };
}
