using Qlrf.Compliance.Checks;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Compliance.Engine;

/// <summary>
/// Incremental upkeep: after a batch of asset changes (drift reconciled first, as its handler is registered before
/// this one) only the asset checks re-evaluate, and only the batch's assets; after an image family changed (a
/// transition, a scan or SBOM import) only the family checks re-evaluate, and only that family's objects. An instance
/// never evaluated in full is left for its first read.
/// </summary>
public sealed partial class ComplianceEngine : IAssetChangeHandler, IComplianceChangeListener
{
    public async Task HandleAsync(IReadOnlyList<AssetChanged> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = time.GetUtcNow();
        foreach (var org in batch.GroupBy(c => c.Organisation, StringComparer.Ordinal))
        {
            var ids = org.Select(c => c.AssetId).Distinct(StringComparer.Ordinal).ToList();
            using var writer = await WriterAsync(org.Key, cancellationToken);
            foreach (var use in catalogue.Instances.Where(u => byId[u.CheckId] is IAssetCheck))
            {
                if (await store.GetRunAsync(org.Key, use.InstanceKey, cancellationToken) is null)
                {
                    continue;
                }

                var delta = await ((IAssetCheck)byId[use.CheckId]).EvaluateAssetsAsync(Context(org.Key, use, now), ids, cancellationToken);
                await store.ApplyAsync(org.Key, use.InstanceKey, delta, cancellationToken);
                ComplianceLogs.Applied(logger, use.InstanceKey, org.Key, delta.Upserts.Count, delta.Removed.Count);
            }
        }
    }

    public async Task ImageFamilyChangedAsync(string organisation, string family, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var writer = await WriterAsync(organisation, cancellationToken);
        foreach (var use in catalogue.Instances.Where(u => byId[u.CheckId] is IFamilyCheck))
        {
            if (await store.GetRunAsync(organisation, use.InstanceKey, cancellationToken) is null)
            {
                continue;
            }

            var fresh = await ((IFamilyCheck)byId[use.CheckId]).EvaluateFamilyAsync(Context(organisation, use, now), family, cancellationToken);
            var ids = fresh.Select(r => r.ObjectId).ToHashSet(StringComparer.Ordinal);
            var removed = (await store.ListScopeAsync(organisation, use.InstanceKey, family, cancellationToken))
                .Where(r => !ids.Contains(r.ObjectId))
                .Select(r => r.ObjectId)
                .ToList();
            await store.ApplyAsync(organisation, use.InstanceKey, new CheckDelta(fresh, removed), cancellationToken);
            ComplianceLogs.Applied(logger, use.InstanceKey, organisation, fresh.Count, removed.Count);
        }
    }
}
