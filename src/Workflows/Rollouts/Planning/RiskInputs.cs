using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.PatchSets;

namespace Qlrf.Workflows.Rollouts.Planning;

/// <summary>
/// Gathers what a rollout's risk is judged on: the environments and share of the fleet it touches, the
/// versions it jumps, the target's unique critical and high vulnerabilities, the family's recent rollout failures, whether it
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
        var fleet = await FleetAsync(organisation, assets.Count, cancellationToken);

        var versions = await images.ListVersionsAsync(organisation, target.Family, cancellationToken);
        var index = versions.Select((v, i) => (v.Version, i)).ToDictionary(p => p.Version, p => p.i, StringComparer.Ordinal);
        var targetIndex = index.GetValueOrDefault(target.Version);
        var jumped = assets.Select(a => a.Asset.Image?.Version is { } v && index.TryGetValue(v, out var i) ? Math.Abs(i - targetIndex) : 0).DefaultIfEmpty(0).Max();

        // Unique vulnerabilities, each at its highest severity: a CVE in many packages is one CVE to the risk and the policies.
        var vulnerabilities = SeverityCounts.Of(await images.ListFindingsAsync(organisation, target.Id, cancellationToken)).Vulnerabilities;
        var critical = vulnerabilities[Severity.Critical];
        var high = vulnerabilities[Severity.High];

        var recent = await RecentAsync(organisation, rolloutId, [target.Family], start - recentWindow, cancellationToken);
        var (pairs, unhealthyPairs) = await PairsAsync(organisation, assets, drPairTag, cancellationToken);

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
            pairs,
            unhealthyPairs,
            rollbackReady);
        return (input, critical);
    }

    /// <summary>
    /// The risk inputs of a patch set: no versions jumped (the image version stays), the patch set's severity
    /// as one critical or high CVE, the recent rollouts of its families, and rollback always ready (a patch set
    /// is removed, not rolled back to an image). The critical count for the policies is 0: the target is no image.
    /// </summary>
    public async Task<(RiskInput Input, int CriticalCves)> GatherAsync(
        string rolloutId, string organisation, PatchSet patchSet, IReadOnlyList<InventoryAsset> assets, DateTimeOffset start, string drPairTag, TimeSpan recentWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patchSet);
        ArgumentNullException.ThrowIfNull(assets);
        var fleet = await FleetAsync(organisation, assets.Count, cancellationToken);
        var recent = await RecentAsync(organisation, rolloutId, patchSet.Families, start - recentWindow, cancellationToken);
        var (pairs, unhealthyPairs) = await PairsAsync(organisation, assets, drPairTag, cancellationToken);
        var input = new RiskInput(
            assets.Select(a => a.Asset.Environment).Distinct(StringComparer.Ordinal).ToList(),
            assets.Count,
            Math.Max(fleet, assets.Count),
            0,
            patchSet.Severity == Severity.Critical ? 1 : 0,
            patchSet.Severity == Severity.High ? 1 : 0,
            recent.Count,
            recent.Count(r => r.Status.IsFailure()),
            InBusinessHours(start),
            pairs,
            unhealthyPairs,
            true);
        return (input, 0);
    }

    private async Task<int> FleetAsync(string organisation, int fallback, CancellationToken cancellationToken)
    {
        var summaries = await drift.GetSummariesAsync(organisation, cancellationToken);
        return summaries.TryGetValue(DriftGroup.Organisation, out var all) ? (int)all.Total : fallback;
    }

    private async Task<List<Rollout>> RecentAsync(string organisation, string rolloutId, IReadOnlyList<string> families, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var recent = new List<Rollout>();
        foreach (var family in families.Distinct(StringComparer.Ordinal))
        {
            recent.AddRange((await rollouts.ListByFamilyAsync(organisation, family, since, cancellationToken))
                .Where(r => r.Id != rolloutId && r.Status.IsFinal() && r.Status is not (RolloutStatus.Rejected or RolloutStatus.Expired)));
        }

        return recent;
    }

    private async Task<(int Pairs, int Unhealthy)> PairsAsync(string organisation, IReadOnlyList<InventoryAsset> assets, string drPairTag, CancellationToken cancellationToken)
    {
        var pairs = assets.Select(a => a.Asset.Tags.GetValueOrDefault(drPairTag)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unhealthy = 0;
        foreach (var pair in pairs)
        {
            var members = await inventory.QueryAssetsAsync(organisation, new AssetFilter { Tags = [new(drPairTag, pair)] }, 100, null, cancellationToken);
            if (members.Items.Any(m => m.Asset.Health != AssetHealth.Healthy))
            {
                unhealthy++;
            }
        }

        return (pairs.Count, unhealthy);
    }

    public static bool InBusinessHours(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return utc.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && utc.Hour is >= 8 and < 18;
    }
}
