using System.Collections.Concurrent;
using System.Globalization;
using Qlrf.Drift;
using Qlrf.Inventory;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// Drift on Table Storage (<see cref="TableNames.Drift"/>, snapshots in <see cref="TableNames.DriftSnapshots"/>): reads
/// here; upkeep and snapshots in the partial files beside it. An organisation's drift is spread over
/// <see cref="DriftTableRows.Shards"/> partitions, each with a summary row kept by upkeep in the same batches as the
/// drift rows it counts, so reading the summaries is one point read per shard. Drift kept in the layout before that is
/// rebuilt on the organisation's first use (see the Layout part).
/// </summary>
public sealed partial class TableDriftStore(ITables tables, IInventoryStore inventory, TimeProvider time) : IDriftStore
{
    private readonly ConcurrentDictionary<string, bool> registered = new(StringComparer.Ordinal);

    private ITable Table => tables[TableNames.Drift];

    public async Task<IReadOnlyDictionary<DriftGroup, DriftCounters>> GetSummariesAsync(string organisation, CancellationToken cancellationToken)
    {
        await EnsureLayoutAsync(organisation, cancellationToken);
        var shards = await Task.WhenAll(Enumerable.Range(0, DriftTableRows.Shards)
            .Select(shard => Table.GetAsync(DriftTableRows.Partition(organisation, shard), DriftTableRows.SummaryKey, cancellationToken)));
        var summaries = new Dictionary<DriftGroup, DriftCounters>();
        foreach (var (group, counters) in shards.SelectMany(DriftTableRows.ReadSummary))
        {
            if (!summaries.TryGetValue(group, out var sum))
            {
                summaries[group] = sum = new DriftCounters();
            }

            sum.Add(counters);
        }

        return summaries.Where(s => !s.Value.IsEmpty).ToDictionary(s => s.Key, s => s.Value);
    }

    /// <summary>The asset's drift: under the family the inventory names for it, else where its roster page says.</summary>
    public async Task<AssetDrift?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        await EnsureLayoutAsync(organisation, cancellationToken);
        var partition = DriftTableRows.Partition(organisation, assetId);
        if (await inventory.GetAssetAsync(organisation, assetId, cancellationToken) is { } inventoried
            && await Table.GetAsync(partition, DriftTableRows.FamilyKey(inventoried.Asset.Image?.Family, assetId), cancellationToken) is { } row)
        {
            return DriftTableRows.Read(row);
        }

        var page = await Table.GetAsync(partition, DriftTableRows.RosterKey(DriftTableRows.Place(assetId).Page), cancellationToken);
        return DriftTableRows.ReadRoster(page).TryGetValue(assetId, out var family)
            && await Table.GetAsync(partition, DriftTableRows.FamilyKey(family, assetId), cancellationToken) is { } listed
            ? DriftTableRows.Read(listed)
            : null;
    }

    /// <summary>
    /// Outdated assets, longest behind first: the drift rows of every shard (of one family's range when filtered by family)
    /// are read and the page's worth kept, since Table Storage has no secondary index and an index row per outdated asset
    /// would cost a write per asset at every promotion.
    /// </summary>
    public async Task<Page<AssetDrift>> ListOutdatedAsync(string organisation, DriftFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await EnsureLayoutAsync(organisation, cancellationToken);
        (long Since, string Id)? from = null;
        if (after is not null)
        {
            var bar = after.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(after.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var since))
            {
                throw new FormatException("Not a cursor of outdated assets.");
            }

            from = (since, after[(bar + 1)..]);
        }

        var order = Comparer<(long Since, string Id)>.Create((x, y) => x.Since != y.Since ? x.Since.CompareTo(y.Since) : string.CompareOrdinal(x.Id, y.Id));
        var kept = new SortedDictionary<(long Since, string Id), AssetDrift>(order);
        var prefix = filter.Family is null ? "f" + TableKeys.Separator : DriftTableRows.FamilyPrefix(filter.Family);
        for (var shard = 0; shard < DriftTableRows.Shards; shard++)
        {
            await foreach (var row in Table.QueryPrefixAsync(DriftTableRows.Partition(organisation, shard), prefix, cancellationToken))
            {
                var drift = DriftTableRows.Read(row);
                var key = (drift.OutdatedSince ?? 0, drift.AssetId);
                if (drift.Status != DriftStatus.Outdated || !Matches(filter, drift) || (from is { } f && order.Compare(key, f) <= 0))
                {
                    continue;
                }

                kept[key] = drift;
                if (kept.Count > limit + 1)
                {
                    kept.Remove(kept.Keys.Last());
                }
            }
        }

        return Pages.Of(kept.Values.ToList(), limit, r => string.Create(CultureInfo.InvariantCulture, $"{r.OutdatedSince}|{r.AssetId}"));
    }

    /// <summary>Assets running a version of a family, by id: the family's range in each shard, merged.</summary>
    public async Task<Page<AssetDrift>> ListRunningAsync(string organisation, string family, string version, int limit, string? after, CancellationToken cancellationToken)
    {
        await EnsureLayoutAsync(organisation, cancellationToken);
        var prefix = DriftTableRows.FamilyPrefix(family);
        var from = after is null ? prefix : prefix + TableKeys.Escape(after);
        var rows = new List<AssetDrift>();
        for (var shard = 0; shard < DriftTableRows.Shards; shard++)
        {
            var taken = 0;
            await foreach (var row in Table.QueryAsync(DriftTableRows.Partition(organisation, shard), from, TableKeys.PrefixEnd(prefix), cancellationToken))
            {
                var drift = DriftTableRows.Read(row);
                if (row.RowKey == from || drift.Version != version)
                {
                    continue;
                }

                rows.Add(drift);
                if (++taken > limit)
                {
                    break;
                }
            }
        }

        rows.Sort((x, y) => string.CompareOrdinal(TableKeys.Escape(x.AssetId), TableKeys.Escape(y.AssetId)));
        return Pages.Of(rows.Take(limit + 1).ToList(), limit, r => r.AssetId);
    }

    public async Task<RagThresholds?> GetThresholdsAsync(string organisation, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, "thresholds", cancellationToken) is { } row
            ? new RagThresholds((double)row["RedBelow"]!, (double)row["AmberBelow"]!)
            : null;

    public async Task SetThresholdsAsync(string organisation, RagThresholds thresholds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        await Table.UpsertAsync(
            new TableRow(organisation, "thresholds")
            {
                ["RedBelow"] = thresholds.RedBelow,
                ["AmberBelow"] = thresholds.AmberBelow,
                ["UpdatedAt"] = time.GetUtcNow(),
                ["UpdatedBy"] = actor,
            },
            cancellationToken);
    }

    /// <summary>Organisations that have drift: those registered (on their first upkeep) with a summary in some shard.</summary>
    public async Task<IReadOnlyList<string>> ListOrganisationsAsync(CancellationToken cancellationToken)
    {
        var organisations = new List<string>();
        await foreach (var row in Table.QueryAsync(DriftTableRows.OrganisationsPartition, null, null, cancellationToken))
        {
            var organisation = row.Text("Organisation");
            await EnsureLayoutAsync(organisation, cancellationToken);
            for (var shard = 0; shard < DriftTableRows.Shards; shard++)
            {
                if (await Table.GetAsync(DriftTableRows.Partition(organisation, shard), DriftTableRows.SummaryKey, cancellationToken) is not null)
                {
                    organisations.Add(organisation);
                    break;
                }
            }
        }

        organisations.Sort(StringComparer.Ordinal);
        return organisations;
    }

    private static bool Matches(DriftFilter filter, AssetDrift drift) =>
        (filter.Environment is null || filter.Environment == drift.Environment)
        && (filter.Site is null || filter.Site == drift.Site)
        && (filter.Platform is null || filter.Platform == drift.Platform)
        && (filter.Family is null || filter.Family == (drift.Family ?? string.Empty));
}
