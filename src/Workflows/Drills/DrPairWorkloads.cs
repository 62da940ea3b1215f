using Qlrf.Dr;
using Qlrf.Inventory;

namespace Qlrf.Workflows.Drills;

/// <summary>The live workloads a DR pair protects: its primary site's assets of its environment carrying its tags, and the assets it names.</summary>
public sealed class DrPairWorkloads(IInventoryStore inventory)
{
    private const int Page = 500;

    /// <summary>The workloads, ordered by id.</summary>
    public async Task<IReadOnlyList<InventoryAsset>> FindAsync(DrPair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var found = new SortedDictionary<string, InventoryAsset>(StringComparer.Ordinal);
        if (pair.Workloads.Tags.Count > 0)
        {
            var filter = new AssetFilter { Site = pair.PrimarySite, Environment = pair.Environment, Tags = [.. pair.Workloads.Tags] };
            string? after = null;
            do
            {
                var page = await inventory.QueryAssetsAsync(pair.Organisation, filter, Page, after, cancellationToken);
                foreach (var asset in page.Items)
                {
                    found[asset.Asset.Id] = asset;
                }

                after = page.NextCursor;
            }
            while (after is not null);
        }

        foreach (var id in pair.Workloads.AssetIds)
        {
            if (await inventory.GetAssetAsync(pair.Organisation, id, cancellationToken) is { RemovedAt: null } asset && DrPairRules.Protects(pair, asset.Asset))
            {
                found[id] = asset;
            }
        }

        return [.. found.Values];
    }
}
