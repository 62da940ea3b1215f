using System.Collections.Concurrent;
using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.Store.Tables;

/// <summary>
/// Upkeep: every change is a reconciliation of stored drift rows with the current inventory and registry. Assets are
/// taken in chunks that fit one batch (at most 100 actions: each asset's rows and every summary group they move); a
/// chunk's rows and the counters of the groups it changes are written together, conditional on the ETags read, so the
/// summaries always equal the rows, and a chunk that loses a race is read and evaluated again.
/// </summary>
/// <remarks>
/// Counters rather than aggregation at read time, because summaries are read on every dashboard and API call and an
/// organisation's rows can number in the tens of thousands; the price is that writes of one organisation serialise on
/// its organisation counter row, which asset-change processing and re-evaluation retry through (upkeep of one
/// organisation runs at the pace of its partition, about 2,000 entity writes a second).
/// A registry change can commit after a chunk read its family's baseline; so after each chunk the revisions it used
/// are read again, and a family that moved is marked for re-evaluation, which then evaluates its assets on the new one.
/// </remarks>
public sealed partial class TableDriftStore
{
    private const int MaxAttempts = 20;
    private const int MaxBatch = 100;
    private const int ReadAhead = 16;

    private readonly ConcurrentDictionary<(string, string), (long Revision, FamilyBaseline? Baseline)> baselineCache = new();

    private ITable Images => tables[TableNames.Images];

    public async Task<int> ReconcileAssetsAsync(string organisation, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        if (assetIds.Count == 0)
        {
            return 0;
        }

        return await UpkeepAsync(organisation, assetIds.Distinct(StringComparer.Ordinal).ToList(), async (id, _, baselines, ct) =>
        {
            if (await inventory.GetAssetAsync(organisation, id, ct) is not { RemovedAt: null } present)
            {
                return null;
            }

            var asset = present.Asset;
            return DriftEvaluator.Evaluate(asset, asset.Image is { Family.Length: > 0 } image ? await baselines.GetAsync(image.Family, ct) : null);
        }, cancellationToken);
    }

    public async Task<int> ReevaluateFamilyAsync(string organisation, string family, CancellationToken cancellationToken)
    {
        // The mark is read first: a transition after this point writes it again (a new ETag), so it survives this run.
        var mark = await Images.GetAsync(organisation, ImageTableRows.PendingKey(family), cancellationToken);
        var ids = (await Table.QueryPrefixAsync(organisation, DriftTableRows.FamilyPrefix(family), cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(r => DriftTableRows.Read(r).AssetId);
        var changed = await UpkeepAsync(organisation, ids, async (_, before, baselines, ct) =>
            before is null ? null : DriftEvaluator.Evaluate(AsAsset(before), before.Family is { } f ? await baselines.GetAsync(f, ct) : null),
            cancellationToken);
        if (mark is not null)
        {
            try
            {
                await Images.SubmitAsync([TableAction.Delete(new TableRow(organisation, mark.RowKey), mark.ETag)], cancellationToken);
            }
            catch (TablePreconditionException)
            {
                // Marked again meanwhile (or cleared by another run): the mark stays for that change.
            }
        }

        return changed;
    }

    public async Task<IReadOnlyList<(string Organisation, string Family)>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<(string Organisation, string Family, DateTimeOffset At)>();
        await foreach (var org in Images.QueryAsync(ImageTableRows.OrganisationsPartition, null, null, cancellationToken))
        {
            var organisation = org.Text("Organisation");
            await foreach (var mark in Images.QueryPrefixAsync(organisation, "p" + TableKeys.Separator, cancellationToken))
            {
                pending.Add((organisation, mark.Text("Family"), mark.GetDate("RequestedAt") ?? DateTimeOffset.MinValue));
            }
        }

        return pending.OrderBy(p => p.At).Select(p => (p.Organisation, p.Family)).ToList();
    }

    private static Asset AsAsset(AssetDrift row) => new()
    {
        Id = row.AssetId,
        Name = row.Name,
        Platform = row.Platform,
        Site = row.Site,
        Environment = row.Environment,
        Image = row.Family is null ? null : new ImageRef(row.Family, row.Version ?? string.Empty),
    };

    /// <summary>
    /// Evaluates the assets in order, chunk by chunk, writing each chunk's changed rows with its summary delta. Assets
    /// are read and evaluated <see cref="ReadAhead"/> at a time, concurrently; an evaluation left over from one chunk
    /// goes into the next (its write is still conditional on the ETag it read), unless a write lost a race or a family
    /// baseline moved, when everything is read again.
    /// </summary>
    private async Task<int> UpkeepAsync(
        string organisation,
        List<string> assetIds,
        Func<string, AssetDrift?, BaselineReads, CancellationToken, Task<AssetDrift?>> evaluate,
        CancellationToken cancellationToken)
    {
        var changed = 0;
        var ready = new Queue<Evaluation>();
        var baselines = new BaselineReads(Images, organisation, baselineCache);
        for (var next = 0; next < assetIds.Count;)
        {
            for (var attempt = 1; ; attempt++)
            {
                var summaries = await ReadSummariesAsync(organisation, cancellationToken);
                var delta = new DriftDelta();
                var rows = new List<TableAction>();
                var groups = new HashSet<DriftGroup>();
                var taken = 0;
                while (next + taken < assetIds.Count)
                {
                    if (ready.Count == 0)
                    {
                        var window = assetIds.Skip(next + taken).Take(ReadAhead).ToList();
                        foreach (var evaluation in await Task.WhenAll(window.Select(id => EvaluateAsync(organisation, id, evaluate, baselines, cancellationToken))))
                        {
                            ready.Enqueue(evaluation);
                        }
                    }

                    var (id, stored, before, after) = ready.Peek();
                    if (before != after)
                    {
                        var writes = RowActions(organisation, id, stored, before, after);
                        var touched = GroupsOf(before).Concat(GroupsOf(after)).Where(g => !groups.Contains(g)).Distinct().ToList();
                        if (rows.Count > 0 && rows.Count + writes.Count + groups.Count + touched.Count > MaxBatch)
                        {
                            break;
                        }

                        delta.Apply(before, after);
                        rows.AddRange(writes);
                        groups.UnionWith(touched);
                    }

                    ready.Dequeue();
                    taken++;
                }

                if (rows.Count == 0)
                {
                    next += taken;
                    break;
                }

                if (!summaries.ContainsKey(DriftGroup.Organisation))
                {
                    await Table.UpsertAsync(new TableRow(DriftTableRows.OrganisationsPartition, TableKeys.Escape(organisation)) { ["Organisation"] = organisation }, cancellationToken);
                }

                try
                {
                    await Table.SubmitAsync([.. rows, .. SummaryActions(organisation, summaries, delta)], cancellationToken);
                }
                catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
                {
                    // Another upkeep changed these assets or their groups meanwhile: read and evaluate the chunk again.
                    ready.Clear();
                    baselines = new BaselineReads(Images, organisation, baselineCache);
                    continue;
                }

                changed += delta.Changed;
                next += taken;
                if (await baselines.MarkMovedAsync(time.GetUtcNow(), cancellationToken))
                {
                    ready.Clear();
                    baselines = new BaselineReads(Images, organisation, baselineCache);
                }

                break;
            }
        }

        return changed;
    }

    private async Task<Evaluation> EvaluateAsync(
        string organisation,
        string assetId,
        Func<string, AssetDrift?, BaselineReads, CancellationToken, Task<AssetDrift?>> evaluate,
        BaselineReads baselines,
        CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(organisation, DriftTableRows.AssetKey(assetId), cancellationToken);
        var before = stored is null ? null : DriftTableRows.Read(stored);
        return new Evaluation(assetId, stored, before, await evaluate(assetId, before, baselines, cancellationToken));
    }

    private static DriftGroup[] GroupsOf(AssetDrift? drift) => drift is null ? [] : DriftGroup.Of(drift);

    /// <summary>The writes that take an asset's rows from <paramref name="before"/> to <paramref name="after"/>, conditional on its row's ETag.</summary>
    private static List<TableAction> RowActions(string organisation, string assetId, TableRow? stored, AssetDrift? before, AssetDrift? after)
    {
        var actions = new List<TableAction>();
        var oldFamily = before is null ? null : DriftTableRows.FamilyKey(before);
        var oldOutdated = before is null ? null : DriftTableRows.OutdatedKey(before);
        if (after is null)
        {
            actions.Add(TableAction.Delete(new TableRow(organisation, DriftTableRows.AssetKey(assetId)), stored!.ETag));
            actions.Add(TableAction.Delete(new TableRow(organisation, oldFamily!)));
            if (oldOutdated is not null)
            {
                actions.Add(TableAction.Delete(new TableRow(organisation, oldOutdated)));
            }

            return actions;
        }

        var primary = DriftTableRows.Row(organisation, DriftTableRows.AssetKey(assetId), after);
        actions.Add(stored is null ? TableAction.Add(primary) : TableAction.Replace(primary, stored.ETag));
        var family = DriftTableRows.FamilyKey(after);
        if (oldFamily is not null && oldFamily != family)
        {
            actions.Add(TableAction.Delete(new TableRow(organisation, oldFamily)));
        }

        actions.Add(TableAction.Upsert(DriftTableRows.Row(organisation, family, after)));
        var outdated = DriftTableRows.OutdatedKey(after);
        if (oldOutdated is not null && oldOutdated != outdated)
        {
            actions.Add(TableAction.Delete(new TableRow(organisation, oldOutdated)));
        }

        if (outdated is not null)
        {
            actions.Add(TableAction.Upsert(DriftTableRows.Row(organisation, outdated, after)));
        }

        return actions;
    }

    /// <summary>The delta added to each group's stored counters, conditional on their ETags; a group left with nothing is deleted.</summary>
    private static IEnumerable<TableAction> SummaryActions(string organisation, Dictionary<DriftGroup, (TableRow Row, DriftCounters Counters)> summaries, DriftDelta delta)
    {
        foreach (var (group, change) in delta.Groups)
        {
            if (change.IsEmpty)
            {
                continue;
            }

            var exists = summaries.TryGetValue(group, out var stored);
            var counters = exists ? stored.Counters.Clone() : new DriftCounters();
            counters.Add(change);
            if (counters.IsEmpty)
            {
                if (exists)
                {
                    yield return TableAction.Delete(new TableRow(organisation, stored.Row.RowKey), stored.Row.ETag);
                }

                continue;
            }

            var row = DriftTableRows.SummaryRow(organisation, group, counters);
            yield return exists ? TableAction.Replace(row, stored.Row.ETag) : TableAction.Add(row);
        }
    }

    /// <summary>
    /// Family baselines for a run of chunks, safe for concurrent evaluations: each family's revision is read once (one
    /// point read of its row) and its baseline taken from the store-wide cache when the revision matches, else loaded
    /// from the family's versions and cached. After each chunk's write the revisions are read again.
    /// </summary>
    private sealed class BaselineReads(ITable images, string organisation, ConcurrentDictionary<(string, string), (long Revision, FamilyBaseline? Baseline)> cache)
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<(long Revision, FamilyBaseline? Baseline)>>> seen = new(StringComparer.Ordinal);

        public async Task<FamilyBaseline?> GetAsync(string family, CancellationToken cancellationToken) =>
            (await seen.GetOrAdd(family, f => new Lazy<Task<(long, FamilyBaseline?)>>(() => LoadAsync(f, cancellationToken))).Value).Baseline;

        /// <summary>Marks for re-evaluation every family whose revision moved since its baseline was read; true if any did.</summary>
        public async Task<bool> MarkMovedAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            var moved = false;
            foreach (var (family, read) in seen)
            {
                if (await RevisionAsync(family, cancellationToken) != (await read.Value).Revision)
                {
                    await images.UpsertAsync(ImageTableRows.PendingRow(organisation, family, now), cancellationToken);
                    moved = true;
                }
            }

            return moved;
        }

        private async Task<(long, FamilyBaseline?)> LoadAsync(string family, CancellationToken cancellationToken)
        {
            var current = await RevisionAsync(family, cancellationToken);
            if (!cache.TryGetValue((organisation, family), out var cached) || cached.Revision != current)
            {
                var versions = current < 0 ? null : await ImageTableRows.FamilyVersionsAsync(images, organisation, family, cancellationToken);
                cached = (current, versions is null ? null : FamilyBaseline.From(family, versions.Select(v => v.Version)));
                cache[(organisation, family)] = cached;
            }

            return cached;
        }

        private async Task<long> RevisionAsync(string family, CancellationToken cancellationToken) =>
            await images.GetAsync(organisation, ImageTableRows.FamilyKey(family), cancellationToken) is { } row ? row.Number("Revision") : -1;
    }

    private sealed record Evaluation(string AssetId, TableRow? Stored, AssetDrift? Before, AssetDrift? After);
}
