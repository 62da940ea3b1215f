using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.PatchSets;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Workflows.Rollouts.Planning;

/// <summary>
/// Resolves a rollout's scope against the inventory: the live assets of the target's family (for a patch set:
/// of the families it applies to) that the scope matches. Assets already on the target (already carrying the
/// patch set) are left out and counted; asked-for assets that cannot take the target (unknown, another family,
/// no release of the target on their platform) are violations.
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
        var matched = await MatchAsync(organisation, scope, target.Family, cancellationToken);
        var violations = Missing(scope, matched, $"image family {target.Family}");

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

    /// <summary>Resolves the scope for a patch set: the matching live assets of its families that do not carry it yet.</summary>
    public async Task<ResolvedScope> ResolveAsync(string organisation, RolloutRequest request, PatchSet patchSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(patchSet);
        var matched = new List<InventoryAsset>();
        foreach (var family in patchSet.Families.Distinct(StringComparer.Ordinal))
        {
            matched.AddRange(await MatchAsync(organisation, request.Scope, family, cancellationToken));
        }

        var families = $"an image family of patch set {patchSet.Id} ({string.Join(", ", patchSet.Families)})";
        var violations = Missing(request.Scope, matched, families);
        if (matched.Count == 0 && violations.Count == 0)
        {
            violations.Add(new PolicyViolation(ScopeRule, $"the scope matches no live asset with {families}."));
        }

        bool Carries(InventoryAsset a) => a.Asset.Tags.TryGetValue(patchSet.Tag, out var v) && v == PatchSet.AppliedValue;
        return new ResolvedScope(matched.Where(a => !Carries(a)).ToList(), matched.Count(Carries), violations);
    }

    private async Task<List<InventoryAsset>> MatchAsync(string organisation, RolloutScope scope, string family, CancellationToken cancellationToken)
    {
        var matched = new List<InventoryAsset>();
        string? after = null;
        do
        {
            var page = await inventory.QueryAssetsAsync(organisation, new AssetFilter { ImageFamily = family }, PageSize, after, cancellationToken);
            matched.AddRange(page.Items.Where(a => scope.Matches(a.Asset)));
            after = page.NextCursor;
        }
        while (after is not null);
        return matched;
    }

    private static List<PolicyViolation> Missing(RolloutScope scope, List<InventoryAsset> matched, string what)
    {
        var violations = new List<PolicyViolation>();
        if (scope.IsExplicit)
        {
            var found = matched.Select(a => a.Asset.Id).ToHashSet(StringComparer.Ordinal);
            var missing = scope.AssetIds.Where(id => !found.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                violations.Add(new PolicyViolation(ScopeRule, $"{Listed(missing)} {(missing.Count == 1 ? "is" : "are")} not live in the inventory with {what}."));
            }
        }

        return violations;
    }

    private static string Listed(List<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more";
}

/// <summary>The assets a rollout will change, how many already ran the target, and what was wrong with the scope.</summary>
public sealed record ResolvedScope(IReadOnlyList<InventoryAsset> Assets, int AlreadyOnTarget, IReadOnlyList<PolicyViolation> Violations);
