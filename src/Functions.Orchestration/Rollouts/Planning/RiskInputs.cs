using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Rollouts;

namespace Qlrf.Functions.Orchestration.Rollouts.Planning;

/// <summary>
/// Gathers what a rollout's risk is judged on: the environments and share of the fleet it touches, the
/// versions it jumps, the target's critical and high CVEs, the family's recent rollout failures, whether it
/// starts in business hours (Monday to Friday, 08:00 to 18:00 UTC), the health of the DR pairs it touches,
/// and whether every asset's current version can still be rolled back to.
/// </summary>
public sealed class RiskInputs(IImageStore images, IDriftStore drift, IInventoryStore inventory, IRolloutStore rollouts)
{
    public async Task<(RiskInput Input, int CriticalCves)> GatherAsync(
        string rolloutId, ImageVersion target, IReadOnlyList<InventoryAsset> assets, DateTimeOffset start, string drPairTag, TimeSpan recentWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(assets);
        var organisation = target.Organisation;
        var summaries = await drift.GetSummariesAsync(organisation, cancellationToken);
        var fleet = summaries.TryGetValue(DriftGroup.Organisation, out var all) ? (int)all.Total : assets.Count;

        var versions = await images.ListVersionsAsync(organisation, target.Family, cancellationToken);
        var index = versions.Select((v, i) => (v.Version, i)).ToDictionary(p => p.Version, p => p.i, StringComparer.Ordinal);
        var targetIndex = index.GetValueOrDefault(target.Version);
        var jumped = assets.Select(a => a.Asset.Image?.Version is { } v && index.TryGetValue(v, out var i) ? Math.Abs(i - targetIndex) : 0).DefaultIfEmpty(0).Max();

        var findings = await images.ListFindingsAsync(organisation, target.Id, cancellationToken);
        var critical = findings.Where(f => f.Severity == Severity.Critical).Select(f => f.Id).Distinct(StringComparer.Ordinal).Count();
        var high = findings.Where(f => f.Severity == Severity.High).Select(f => f.Id).Distinct(StringComparer.Ordinal).Count();

        var recent = (await rollouts.ListByFamilyAsync(organisation, target.Family, start - recentWindow, cancellationToken))
            .Where(r => r.Id != rolloutId && r.Status.IsFinal() && r.Status is not (RolloutStatus.Rejected or RolloutStatus.Expired))
            .ToList();

        var pairs = assets.Select(a => a.Asset.Tags.GetValueOrDefault(drPairTag)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unhealthyPairs = 0;
        foreach (var pair in pairs)
        {
            var members = await inventory.QueryAssetsAsync(organisation, new AssetFilter { Tags = [new(drPairTag, pair)] }, 100, null, cancellationToken);
            if (members.Items.Any(m => m.Asset.Health != AssetHealth.Healthy))
            {
                unhealthyPairs++;
            }
        }

        var byVersion = versions.ToDictionary(v => v.Version, StringComparer.Ordinal);
        var rollbackReady = assets.All(a => a.Asset.Image?.Version is { } v
            && byVersion.TryGetValue(v, out var current)
            && current.On(a.Asset.Platform) is { Status: not LifecycleStatus.Retired });

        var input = new RiskInput(
            assets.Select(a => a.Asset.Environment).Distinct(StringComparer.Ordinal).ToList(),
            assets.Count,
            Math.Max(fleet, assets.Count),
            jumped,
            critical,
            high,
            recent.Count,
            recent.Count(r => r.Status.IsFailure()),
            InBusinessHours(start),
            pairs.Count,
            unhealthyPairs,
            rollbackReady);
        return (input, critical);
    }

    public static bool InBusinessHours(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return utc.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && utc.Hour is >= 8 and < 18;
    }
}
