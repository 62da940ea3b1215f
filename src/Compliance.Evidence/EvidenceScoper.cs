using Qlrf.Dr;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// Decides a pack's scope from the stores, a page at a time: the assets of its environments (all when none are named)
/// and the image versions they run, the drills that started in the range on pairs of those environments, and the
/// rollouts created in the range that touch them.
/// </summary>
public sealed class EvidenceScoper(IInventoryStore inventory, IImageStore images, IDrillStore drills, IRolloutStore rollouts)
{
    public const int PageSize = 500;

    public async Task<EvidenceScope> ScopeAsync(EvidencePack pack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        long assets = 0;
        var refs = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var asset in AssetsAsync(inventory, pack, cancellationToken))
        {
            assets++;
            if (asset.Asset.Image is { } image)
            {
                refs.Add($"{image.Family}@{image.Version}");
            }
        }

        var registered = new List<string>();
        foreach (var id in refs.Order(StringComparer.Ordinal))
        {
            if (await images.GetVersionAsync(pack.Organisation, id, cancellationToken) is { } version)
            {
                registered.Add(version.Id);
            }
        }

        var drillIds = new List<string>();
        var subjects = new List<ApprovalSubject>();
        await foreach (var drill in ListDrillsAsync(pack, cancellationToken))
        {
            var report = await drills.GetReportAsync(pack.Organisation, drill.Id, cancellationToken);
            if (report is null || !InRange(pack, report.StartedAt) || !InScope(pack, [report.Pair.Environment]))
            {
                continue;
            }

            drillIds.Add(drill.Id);
            subjects.Add(new ApprovalSubject("drill", drill.Id, drill.RequestedBy, drill.CreatedAt, [report.Pair.Environment]));
        }

        string? after = null;
        do
        {
            var page = await rollouts.ListAsync(pack.Organisation, new RolloutFilter(), PageSize, after, cancellationToken);
            foreach (var rollout in page.Items)
            {
                if (InRange(pack, rollout.CreatedAt) && InScope(pack, rollout.Environments))
                {
                    subjects.Add(new ApprovalSubject("rollout", rollout.Id, rollout.RequestedBy, rollout.CreatedAt, rollout.Environments));
                }
            }

            after = page.Items.Count > 0 && page.Items[^1].CreatedAt < pack.From ? null : page.NextCursor;
        }
        while (after is not null);

        drillIds.Sort(StringComparer.Ordinal);
        subjects.Sort((a, b) => (a.CreatedAt, a.Id).CompareTo((b.CreatedAt, b.Id)));
        return new EvidenceScope(assets, registered, refs.Count - registered.Count, drillIds, subjects);
    }

    /// <summary>The assets in the pack's environments (all of them when it names none), in id order per environment.</summary>
    public static async IAsyncEnumerable<InventoryAsset> AssetsAsync(IInventoryStore inventory, EvidencePack pack, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(pack);
        IEnumerable<AssetFilter> filters = pack.Environments.Count == 0
            ? [new AssetFilter()]
            : pack.Environments.Order(StringComparer.Ordinal).Select(e => new AssetFilter { Environment = e });
        foreach (var filter in filters)
        {
            string? after = null;
            do
            {
                var page = await inventory.QueryAssetsAsync(pack.Organisation, filter, PageSize, after, cancellationToken);
                foreach (var asset in page.Items.Where(a => a.RemovedAt is null))
                {
                    yield return asset;
                }

                after = page.NextCursor;
            }
            while (after is not null);
        }
    }

    public static bool InRange(EvidencePack pack, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return at >= pack.From && at < pack.To;
    }

    public static bool InScope(EvidencePack pack, IReadOnlyList<string> environments)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(environments);
        return pack.Environments.Count == 0 || environments.Any(e => pack.Environments.Contains(e, StringComparer.Ordinal));
    }

    private async IAsyncEnumerable<DrillRecord> ListDrillsAsync(EvidencePack pack, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await drills.ListAsync(pack.Organisation, null, PageSize, after, cancellationToken);
            foreach (var drill in page.Items)
            {
                yield return drill;
            }

            // Newest first: once a page reaches drills created before the range, no later page holds one in it.
            after = page.Items.Count > 0 && page.Items[^1].CreatedAt < pack.From ? null : page.NextCursor;
        }
        while (after is not null);
    }
}
