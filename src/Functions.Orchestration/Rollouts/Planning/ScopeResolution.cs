using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Functions.Orchestration.Rollouts.Planning;

/// <summary>
/// Resolves a rollout's scope against the inventory: the live assets of the target's family that the scope
/// matches. Assets already on the target are left out (and counted); asked-for assets that cannot take the
/// target (unknown, another family, no release of the target on their platform) are violations.
/// </summary>
public sealed class ScopeResolution(IInventoryStore inventory)
{
    public const string ScopeRule = "scope";
    private const int PageSize = 1000;

    public async Task<ResolvedScope> ResolveAsync(string organisation, RolloutRequest request, ImageVersion target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        var scope = request.Scope;
        var matched = new List<InventoryAsset>();
        string? after = null;
        do
        {
            var page = await inventory.QueryAssetsAsync(organisation, new AssetFilter { ImageFamily = target.Family }, PageSize, after, cancellationToken);
            matched.AddRange(page.Items.Where(a => scope.Matches(a.Asset)));
            after = page.NextCursor;
        }
        while (after is not null);

        var violations = new List<PolicyViolation>();
        if (scope.IsExplicit)
        {
            var found = matched.Select(a => a.Asset.Id).ToHashSet(StringComparer.Ordinal);
            var missing = scope.AssetIds.Where(id => !found.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                violations.Add(new PolicyViolation(ScopeRule, $"{Listed(missing)} {(missing.Count == 1 ? "is" : "are")} not live in the inventory with image family {target.Family}."));
            }
        }

        var noRelease = matched.Where(a => target.On(a.Asset.Platform) is null or { Status: LifecycleStatus.Retired }).ToList();
        foreach (var group in noRelease.GroupBy(a => a.Asset.Platform))
        {
            violations.Add(new PolicyViolation(ScopeRule, $"{target.Id} has no live release on {Json.EnumText<Platform>.Of(group.Key)}, which {Listed(group.Select(a => a.Asset.Id).ToList())} run on."));
        }

        if (matched.Count == 0 && violations.Count == 0)
        {
            violations.Add(new PolicyViolation(ScopeRule, $"the scope matches no live asset with image family {target.Family}."));
        }

        var onTarget = matched.Count(a => a.Asset.Image?.Version == target.Version);
        var assets = matched.Where(a => a.Asset.Image?.Version != target.Version).ToList();
        return new ResolvedScope(assets, onTarget, violations);
    }

    private static string Listed(List<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more";
}

/// <summary>The assets a rollout will change, how many already ran the target, and what was wrong with the scope.</summary>
public sealed record ResolvedScope(IReadOnlyList<InventoryAsset> Assets, int AlreadyOnTarget, IReadOnlyList<PolicyViolation> Violations);
