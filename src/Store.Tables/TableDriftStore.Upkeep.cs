using System.Collections.Concurrent;
using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.Store.Tables;

/// <summary>
/// Upkeep: every change is a reconciliation of stored drift rows with the current inventory and registry. Assets are
/// taken shard by shard (see <see cref="DriftTableRows"/>), in chunks that fit one batch: the chunk's changed drift rows,
/// the roster pages whose membership they change, and the shard's one summary row with the chunk's delta added, all
/// conditional on the ETags read, so a shard's summary always equals its rows, and a chunk that loses a race is read and
/// evaluated again. One entity write per changed asset, plus one summary write (and a few roster writes when assets
/// come, go or change family) per chunk of up to 95 assets.
/// </summary>
/// <remarks>
/// A drift row is found by the family the inventory names for the asset (one point read); only when it is not there
/// (a new asset, one that changed family or left) is the roster page read. Upkeep of one shard serialises on its summary
/// row; shards are independent, so an organisation's upkeep is spread over <see cref="DriftTableRows.Shards"/> partitions.
/// A registry change can commit after a chunk read its family's baseline; so after each chunk the revisions it used
/// are read again, and a family that moved is marked for re-evaluation, which then evaluates its assets on the new one.
/// </remarks>
public sealed partial class TableDriftStore
{
    private const int MaxAttempts = 20;
    private const int MaxBatch = TableLimits.MaxBatchActions;
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

        await EnsureLayoutAsync(organisation, cancellationToken);
        return await ReconcileInLayoutAsync(organisation, assetIds, cancellationToken);
    }

    private async Task<int> ReconcileInLayoutAsync(string organisation, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        await RegisterAsync(organisation, cancellationToken);
        var changed = 0;
        foreach (var shard in assetIds.Distinct(StringComparer.Ordinal).GroupBy(id => DriftTableRows.Place(id).Shard).OrderBy(g => g.Key))
        {
            var ids = shard.Order(StringComparer.Ordinal).ToList();
            changed += await UpkeepAsync(organisation, shard.Key, ids.Count, (from, roster, baselines, ct) =>
                ReadAheadAsync(ids, from, id => ReconcileOneAsync(organisation, id, roster, baselines, ct)), cancellationToken);
        }

        return changed;
    }

    public async Task<int> ReevaluateFamilyAsync(string organisation, string family, CancellationToken cancellationToken)
    {
        await EnsureLayoutAsync(organisation, cancellationToken);

        // The mark is read first: a transition after this point writes it again (a new ETag), so it survives this run.
        var mark = await Images.GetAsync(organisation, ImageTableRows.PendingKey(family), cancellationToken);
        var changed = 0;
        for (var shard = 0; shard < DriftTableRows.Shards; shard++)
        {
            var partition = DriftTableRows.Partition(organisation, shard);
            var rows = (await Table.QueryPrefixAsync(partition, DriftTableRows.FamilyPrefix(family), cancellationToken).ToListAsync(cancellationToken))
                .ToDictionary(r => DriftTableRows.Read(r).AssetId, StringComparer.Ordinal);
            if (rows.Count == 0)
            {
                continue;
            }

            // The first pass evaluates the rows as the range read them; a pass after a lost race or a moved baseline reads
            // each row again (by key), so it evaluates what is stored now.
            var ids = rows.Keys.ToList();
            var again = false;
            changed += await UpkeepAsync(organisation, shard, ids.Count, (from, _, baselines, ct) =>
            {
                var read = again;
                again = true;
                return ReadAheadAsync(ids, from, async id =>
                {
                    var stored = read ? await Table.GetAsync(partition, DriftTableRows.FamilyKey(family, id), ct) : rows[id];
                    var before = stored is null ? null : DriftTableRows.Read(stored);
                    var after = before is null ? null : DriftEvaluator.Evaluate(AsAsset(before), before.Family is { } f ? await baselines.GetAsync(f, ct) : null);
                    return new Evaluation(id, stored, before, after);
                });
            }, cancellationToken);
        }

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

    /// <summary>The organisation's row in the organisations partition (once per store instance and organisation).</summary>
    private async Task RegisterAsync(string organisation, CancellationToken cancellationToken)
    {
        if (registered.ContainsKey(organisation))
        {
            return;
        }

        await Table.UpsertAsync(new TableRow(DriftTableRows.OrganisationsPartition, TableKeys.Escape(organisation)) { ["Organisation"] = organisation }, cancellationToken);
        registered[organisation] = true;
    }

    /// <summary>Evaluations of <paramref name="ids"/> from index <paramref name="from"/> on, <see cref="ReadAhead"/> at a time.</summary>
    private static async IAsyncEnumerable<Evaluation> ReadAheadAsync(List<string> ids, int from, Func<string, Task<Evaluation>> evaluate)
    {
        for (var next = from; next < ids.Count; next += ReadAhead)
        {
            foreach (var evaluation in await Task.WhenAll(ids.Skip(next).Take(ReadAhead).Select(evaluate)))
            {
                yield return evaluation;
            }
        }
    }

    /// <summary>The asset's stored drift (under the family the inventory names, else where its roster page says) and its drift now.</summary>
    private async Task<Evaluation> ReconcileOneAsync(string organisation, string assetId, RosterReads roster, BaselineReads baselines, CancellationToken cancellationToken)
    {
        var inventoried = await inventory.GetAssetAsync(organisation, assetId, cancellationToken);
        var partition = DriftTableRows.Partition(organisation, assetId);
        TableRow? stored = null;
        if (inventoried is not null)
        {
            stored = await Table.GetAsync(partition, DriftTableRows.FamilyKey(inventoried.Asset.Image?.Family, assetId), cancellationToken);
        }

        if (stored is null && await roster.FamilyOfAsync(assetId, cancellationToken) is { } family)
        {
            // Absent only when another upkeep moved it since the page was read; the roster's check before the write catches that.
            stored = await Table.GetAsync(partition, DriftTableRows.FamilyKey(family, assetId), cancellationToken);
        }

        var before = stored is null ? null : DriftTableRows.Read(stored);
        if (inventoried is not { RemovedAt: null })
        {
            return new Evaluation(assetId, stored, before, null);
        }

        var asset = inventoried.Asset;
        var after = DriftEvaluator.Evaluate(asset, asset.Image is { Family.Length: > 0 } image ? await baselines.GetAsync(image.Family, cancellationToken) : null);
        return new Evaluation(assetId, stored, before, after);
    }

    /// <summary>
    /// Evaluates a shard's assets in order, chunk by chunk, writing each chunk's changed rows, roster pages and summary in
    /// one batch. An evaluation read ahead for one chunk goes into the next (its write is still conditional on the ETag it
    /// read), unless a write lost a race or a family baseline moved, when everything from the chunk on is read again.
    /// </summary>
    private async Task<int> UpkeepAsync(
        string organisation,
        int shard,
        int count,
        Func<int, RosterReads, BaselineReads, CancellationToken, IAsyncEnumerable<Evaluation>> evaluations,
        CancellationToken cancellationToken)
    {
        var partition = DriftTableRows.Partition(organisation, shard);
        var changed = 0;
        var baselines = new BaselineReads(Images, organisation, baselineCache);
        IAsyncEnumerator<Evaluation>? reading = null;
        Evaluation? held = null;
        try
        {
            for (var next = 0; next < count;)
            {
                for (var attempt = 1; ; attempt++)
                {
                    if (reading is null)
                    {
                        reading = evaluations(next, new RosterReads(Table, partition), baselines, cancellationToken).GetAsyncEnumerator(cancellationToken);
                        held = null;
                    }

                    var summary = await Table.GetAsync(partition, DriftTableRows.SummaryKey, cancellationToken);
                    var delta = new DriftDelta();
                    var rows = new List<TableAction>();
                    var moves = new List<Move>();
                    var taken = 0;
                    while (next + taken < count)
                    {
                        if (held is null)
                        {
                            if (!await reading.MoveNextAsync())
                            {
                                break;
                            }

                            held = reading.Current;
                        }

                        var (id, stored, before, after) = held;
                        if (before != after)
                        {
                            var writes = RowActions(organisation, stored, before, after);
                            if (rows.Count + writes.Count + DriftTableRows.RosterPages + 1 > MaxBatch)
                            {
                                break;
                            }

                            delta.Apply(before, after);
                            rows.AddRange(writes);
                            if (before is null || after is null || before.Family != after.Family)
                            {
                                moves.Add(new Move(id, before is null ? null : before.Family ?? string.Empty, after is null ? null : after.Family ?? string.Empty));
                            }
                        }

                        held = null;
                        taken++;
                    }

                    if (rows.Count == 0)
                    {
                        next += taken;
                        break;
                    }

                    try
                    {
                        var actions = new List<TableAction>(rows);
                        actions.AddRange(await new RosterReads(Table, partition).ActionsAsync(moves, cancellationToken));
                        actions.Add(SummaryAction(partition, summary, delta));
                        await Table.SubmitAsync(actions, cancellationToken);
                    }
                    catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
                    {
                        // Another upkeep changed these assets or this shard meanwhile: read and evaluate from the chunk on again.
                        await reading.DisposeAsync();
                        reading = null;
                        baselines = new BaselineReads(Images, organisation, baselineCache);
                        continue;
                    }

                    changed += delta.Changed;
                    next += taken;
                    if (await baselines.MarkMovedAsync(time.GetUtcNow(), cancellationToken))
                    {
                        await reading.DisposeAsync();
                        reading = null;
                        baselines = new BaselineReads(Images, organisation, baselineCache);
                    }

                    break;
                }
            }
        }
        finally
        {
            if (reading is not null)
            {
                await reading.DisposeAsync();
            }
        }

        return changed;
    }

    /// <summary>The writes that take an asset's row from <paramref name="before"/> to <paramref name="after"/>, conditional on its ETag.</summary>
    private static List<TableAction> RowActions(string organisation, TableRow? stored, AssetDrift? before, AssetDrift? after)
    {
        if (after is null)
        {
            return [TableAction.Delete(new TableRow(stored!.PartitionKey, stored.RowKey), stored.ETag)];
        }

        var row = DriftTableRows.Row(organisation, after);
        if (stored is null)
        {
            return [TableAction.Add(row)];
        }

        return before!.Family == after.Family
            ? [TableAction.Replace(row, stored.ETag)]
            : [TableAction.Delete(new TableRow(stored.PartitionKey, stored.RowKey), stored.ETag), TableAction.Add(row)];
    }

    /// <summary>The shard's summary with the delta added, conditional on the ETag read; deleted when it counts nothing.</summary>
    private static TableAction SummaryAction(string partition, TableRow? stored, DriftDelta delta)
    {
        var groups = DriftTableRows.ReadSummary(stored);
        foreach (var (group, change) in delta.Groups)
        {
            if (!groups.TryGetValue(group, out var counters))
            {
                groups[group] = counters = new DriftCounters();
            }

            counters.Add(change);
        }

        if (groups.Values.All(c => c.IsEmpty))
        {
            return stored is null ? throw new InvalidOperationException("A drift delta left an absent summary empty.") : TableAction.Delete(new TableRow(partition, stored.RowKey), stored.ETag);
        }

        var row = DriftTableRows.SummaryRow(partition, groups);
        return stored is null ? TableAction.Add(row) : TableAction.Replace(row, stored.ETag);
    }

    /// <summary>A shard's roster pages, read when first needed in an attempt and written back, conditional on their ETags, when their membership changes.</summary>
    private sealed class RosterReads(ITable table, string partition)
    {
        private readonly ConcurrentDictionary<int, Lazy<Task<(TableRow? Row, Dictionary<string, string> Roster)>>> pages = new();

        public async Task<string?> FamilyOfAsync(string assetId, CancellationToken cancellationToken) =>
            (await PageAsync(DriftTableRows.Place(assetId).Page, cancellationToken)).Roster.TryGetValue(assetId, out var family) ? family : null;

        /// <summary>
        /// The writes of the pages that <paramref name="moves"/> change. A page read now that does not place an asset where
        /// its evaluation found it (another upkeep moved it since) fails the chunk, which is then read again.
        /// </summary>
        public async Task<List<TableAction>> ActionsAsync(List<Move> moves, CancellationToken cancellationToken)
        {
            var actions = new List<TableAction>();
            foreach (var page in moves.GroupBy(m => DriftTableRows.Place(m.AssetId).Page))
            {
                var (row, read) = await PageAsync(page.Key, cancellationToken);
                var roster = new Dictionary<string, string>(read, StringComparer.Ordinal);
                foreach (var (assetId, from, to) in page)
                {
                    if ((roster.TryGetValue(assetId, out var listed) ? listed : null) != from)
                    {
                        throw new TablePreconditionException($"{partition}: the roster moved {assetId} meanwhile.");
                    }

                    if (to is null)
                    {
                        roster.Remove(assetId);
                    }
                    else
                    {
                        roster[assetId] = to;
                    }
                }

                if (roster.Count == 0)
                {
                    if (row is not null)
                    {
                        actions.Add(TableAction.Delete(new TableRow(partition, row.RowKey), row.ETag));
                    }

                    continue;
                }

                var written = DriftTableRows.RosterRow(partition, page.Key, roster);
                actions.Add(row is null ? TableAction.Add(written) : TableAction.Replace(written, row.ETag));
            }

            return actions;
        }

        private Task<(TableRow? Row, Dictionary<string, string> Roster)> PageAsync(int page, CancellationToken cancellationToken) =>
            pages.GetOrAdd(page, p => new Lazy<Task<(TableRow?, Dictionary<string, string>)>>(async () =>
            {
                var row = await table.GetAsync(partition, DriftTableRows.RosterKey(p), cancellationToken);
                return (row, DriftTableRows.ReadRoster(row));
            })).Value;
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

    /// <summary>An asset's change of roster entry: the family it was under (null: absent) and the one it goes under (null: leaves).</summary>
    private sealed record Move(string AssetId, string? From, string? To);
}
