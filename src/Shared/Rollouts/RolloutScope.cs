using Qlrf.Inventory;

namespace Qlrf.Rollouts;

/// <summary>
/// Which assets a rollout covers: explicit asset ids, or filters (each list matches any of its values;
/// every given filter and every tag must match).
/// </summary>
public sealed record RolloutScope
{
    public IReadOnlyList<string> AssetIds { get; init; } = [];

    public IReadOnlyList<string> Environments { get; init; } = [];

    public IReadOnlyList<string> Sites { get; init; } = [];

    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public bool IsExplicit => AssetIds.Count > 0;

    public bool Matches(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (IsExplicit)
        {
            return AssetIds.Contains(asset.Id, StringComparer.Ordinal);
        }

        return (Environments.Count == 0 || Environments.Contains(asset.Environment, StringComparer.Ordinal))
            && (Sites.Count == 0 || Sites.Contains(asset.Site, StringComparer.Ordinal))
            && (Platforms.Count == 0 || Platforms.Contains(asset.Platform))
            && Tags.All(t => asset.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
    }
}
