using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// The inventory on Table Storage (<see cref="TableNames.Inventory"/>). Applying a change writes the asset row and its
/// history entry (and any new facet values) in one batch of the organisation's partition, conditional on the asset
/// row's ETag; a change that loses a race is read again and applied only if still newer, so redelivered and stale
/// events change nothing. Filters are applied while reading the partition in id order (Table Storage has no
/// secondary indexes).
/// </summary>
public sealed class TableInventoryStore(ITables tables, TimeProvider time) : IInventoryStore
{
    private const string AssetPrefix = "a";
    private const int MaxAttempts = 20;

    private ITable Table => tables[TableNames.Inventory];

    public async Task<Page<InventoryAsset>> QueryAssetsAsync(string organisation, AssetFilter filter, int limit, string? afterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var after = afterId is null ? null : AssetKey(afterId);
        var assets = new List<InventoryAsset>();
        await foreach (var row in Table.QueryAsync(organisation, after ?? AssetPrefix + TableKeys.Separator, TableKeys.PrefixEnd(AssetPrefix + TableKeys.Separator), cancellationToken))
        {
            var asset = JsonColumns.Read<InventoryAsset>(row);
            if (row.RowKey == after || asset.RemovedAt is not null || !filter.Matches(asset.Asset))
            {
                continue;
            }

            assets.Add(asset);
            if (assets.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(assets, limit, a => a.Asset.Id);
    }

    public async Task<InventoryAsset?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, AssetKey(assetId), cancellationToken) is { } row ? JsonColumns.Read<InventoryAsset>(row) : null;

    public async Task<IReadOnlyList<AssetHistoryEntry>> GetHistoryAsync(string organisation, string assetId, int limit, CancellationToken cancellationToken)
    {
        var history = new List<AssetHistoryEntry>();
        await foreach (var row in Table.QueryPrefixAsync(organisation, TableKeys.Join("h", assetId) + TableKeys.Separator, cancellationToken))
        {
            history.Add(JsonColumns.Read<AssetHistoryEntry>(row));
            if (history.Count == limit)
            {
                break;
            }
        }

        return history;
    }

    public async Task<IReadOnlyList<Site>> ListSitesAsync(string organisation, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, "s" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(JsonColumns.Read<Site>).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public async Task<InventoryFacets> GetFacetsAsync(string organisation, CancellationToken cancellationToken)
    {
        var facets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal) { ["site"] = [], ["environment"] = [], ["family"] = [] };
        await foreach (var row in Table.QueryPrefixAsync(organisation, "f" + TableKeys.Separator, cancellationToken))
        {
            var parts = row.RowKey.Split(TableKeys.Separator);
            facets[parts[1]].Add(TableKeys.Unescape(parts[2]));
        }

        return new InventoryFacets(facets["site"], facets["environment"], facets["family"]);
    }

    public async Task<IReadOnlyList<AppliedChange>> ApplyAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var applied = new List<AppliedChange>(changes.Count);
        foreach (var change in changes)
        {
            if (await ApplyOneAsync(change, cancellationToken) is { } done)
            {
                applied.Add(done);
            }
        }

        return applied;
    }

    /// <summary>Writes <see cref="Site"/>s a sweep found (the discovery store calls it with each sweep's sites).</summary>
    public async Task WriteSitesAsync(string organisation, IReadOnlyList<Site> sites, CancellationToken cancellationToken)
    {
        foreach (var chunk in sites.Chunk(100))
        {
            await Table.SubmitAsync(chunk.Select(site =>
            {
                var row = new TableRow(organisation, TableKeys.Join("s", site.Name));
                JsonColumns.Write(row, site);
                return TableAction.Upsert(row);
            }).ToList(), cancellationToken);
        }
    }

    private async Task<AppliedChange?> ApplyOneAsync(AssetChanged change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await Table.GetAsync(change.Organisation, AssetKey(change.AssetId), cancellationToken);
            var previous = row is null ? null : JsonColumns.Read<InventoryAsset>(row);
            if ((previous is not null && change.Version <= previous.Version)
                || (change.Kind == AssetChangeKind.Removed && previous is null or { RemovedAt: not null }))
            {
                return null;
            }

            var now = time.GetUtcNow();
            var next = change.Kind == AssetChangeKind.Removed
                ? previous! with { Version = change.Version, LastChangedAt = now, RemovedAt = now }
                : new InventoryAsset
                {
                    Organisation = change.Organisation,
                    Asset = change.Asset ?? throw new InvalidDataException($"Event {change.EventId} adds or updates asset '{change.AssetId}' without its content."),
                    Source = change.Source,
                    Version = change.Version,
                    Hash = change.Hash ?? string.Empty,
                    FirstSeenAt = previous?.FirstSeenAt ?? now,
                    LastChangedAt = now,
                };
            var assetRow = new TableRow(change.Organisation, AssetKey(change.AssetId));
            JsonColumns.Write(assetRow, next);
            var history = new TableRow(change.Organisation, TableKeys.Join("h", change.AssetId, TableKeys.Descending(change.Version)));
            JsonColumns.Write(history, new AssetHistoryEntry(change.Version, change.Kind, change.ChangedFields, change.Hash, change.EventId, change.SweepRunId, change.DetectedAt, now));
            var actions = new List<TableAction> { row is null ? TableAction.Add(assetRow) : TableAction.Replace(assetRow, row.ETag), TableAction.Upsert(history) };
            actions.AddRange(Facets(next.Asset).Select(f => TableAction.Upsert(new TableRow(change.Organisation, f))));
            try
            {
                await Table.SubmitAsync(actions, cancellationToken);
                return new AppliedChange(change, previous);
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // Another processor applied a change to this asset meanwhile: read it again.
            }
        }
    }

    private static IEnumerable<string> Facets(Asset asset)
    {
        yield return TableKeys.Join("f", "site", asset.Site);
        yield return TableKeys.Join("f", "environment", asset.Environment);
        if (asset.Image?.Family is { } family)
        {
            yield return TableKeys.Join("f", "family", family);
        }
    }

    private static string AssetKey(string id) => TableKeys.Join(AssetPrefix, id);
}
