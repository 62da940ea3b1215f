using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.PatchSets;
using Qlrf.Workflows.Rollouts.Activities;

namespace Qlrf.Workflows.Rollouts.Planning;

/// <summary>
/// Refuses, when it is requested, a rollout whose scope holds assets no registered executor can change as the
/// rollout needs (no executor for their source and platform, or one that cannot apply or remove a patch set, or
/// cannot change that kind of asset, such as a standalone Azure VM's image):
/// a 400 naming the first of them, how many, their source and platform, and why. Starting a rollout and its
/// dry run both read their request through it, so neither plans what would fail asset by asset.
/// </summary>
public sealed class ExecutorCoverage(ScopeResolution scopes, RolloutExecutors executors)
{
    public const string Field = "scope";
    public const int Named = 5;

    public async Task RequireAsync(string organisation, RolloutRequest request, ImageVersion target, CancellationToken cancellationToken) =>
        Require(request, (await scopes.ResolveAsync(organisation, request, target, cancellationToken)).Assets);

    public async Task RequireAsync(string organisation, RolloutRequest request, PatchSet patchSet, CancellationToken cancellationToken) =>
        Require(request, (await scopes.ResolveAsync(organisation, request, patchSet, cancellationToken)).Assets);

    /// <summary>The assets no executor can change for a rollout to the target, grouped by source and platform, with why.</summary>
    public IReadOnlyList<UnchangeableAssets> Unchangeable(RolloutTarget target, IEnumerable<InventoryAsset> assets)
    {
        var operations = RolloutExecutors.OperationsFor(target);
        return assets
            .Select(a => (a.Source, a.Asset.Platform, a.Asset.Id, Reason: executors.CannotChange(a.Source, a.Asset.Platform, a.Asset.Id, operations)))
            .Where(a => a.Reason is not null)
            .GroupBy(a => (a.Source, a.Platform, a.Reason))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Platform).ThenBy(g => g.Key.Reason, StringComparer.Ordinal)
            .Select(g => new UnchangeableAssets(g.Key.Source, g.Key.Platform, g.Select(a => a.Id).Order(StringComparer.Ordinal).ToList(), g.Key.Reason!))
            .ToList();
    }

    /// <summary>What the requester is told: each group's first assets and count, source, platform and reason.</summary>
    public static string Describe(IReadOnlyList<UnchangeableAssets> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var total = groups.Sum(g => g.AssetIds.Count);
        var parts = groups.Select(g =>
        {
            var named = string.Join(", ", g.AssetIds.Take(Named));
            var more = g.AssetIds.Count > Named ? $" and {g.AssetIds.Count - Named} more" : string.Empty;
            return $"{g.AssetIds.Count} asset(s) of source '{g.Source}' on {Json.EnumText<Platform>.Of(g.Platform)} ({named}{more}): {g.Reason}";
        });
        return $"{total} asset(s) in scope cannot be changed by any executor of this deployment; narrow the scope or configure their executor. {string.Join("; ", parts)}.";
    }

    private void Require(RolloutRequest request, IReadOnlyList<InventoryAsset> assets)
    {
        var groups = Unchangeable(request.Target, assets);
        if (groups.Count > 0)
        {
            throw new RequestValidationException(Field, Describe(groups));
        }
    }
}

/// <summary>Assets of one source and platform that no executor can change for a rollout, and why.</summary>
public sealed record UnchangeableAssets(string Source, Platform Platform, IReadOnlyList<string> AssetIds, string Reason);
