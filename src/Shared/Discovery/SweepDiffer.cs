using Qlrf.Inventory;

namespace Qlrf.Discovery;

/// <summary>
/// Compares what a sweep discovers with the source's stored snapshot, by content hash, one asset at a
/// time so that a large sweep streams through it. Only changed assets are kept in memory.
/// </summary>
public sealed class SweepDiffer(IReadOnlyDictionary<string, SnapshotEntry> snapshot)
{
    private readonly List<DiscoveredAsset> added = [];
    private readonly List<DiscoveredAsset> updated = [];
    private readonly HashSet<string> newIds = new(StringComparer.Ordinal);
    private int unchanged;
    private int discovered;

    /// <summary>Normalises and hashes one discovered asset and classifies it against the snapshot.</summary>
    /// <exception cref="DuplicateAssetException">The same id was discovered twice in this sweep.</exception>
    public void Observe(Asset asset)
    {
        var normalised = AssetNormaliser.Normalise(asset);
        var hash = AssetContentHash.Compute(normalised);
        discovered++;
        if (snapshot.TryGetValue(normalised.Id, out var entry))
        {
            if (entry.Seen)
            {
                throw new DuplicateAssetException(normalised.Id);
            }

            entry.Seen = true;
            if (entry.Removed)
            {
                added.Add(new DiscoveredAsset(normalised, hash, entry.Version + 1));
            }
            else if (entry.Hash != hash)
            {
                updated.Add(new DiscoveredAsset(normalised, hash, entry.Version + 1));
            }
            else
            {
                unchanged++;
            }

            return;
        }

        if (!newIds.Add(normalised.Id))
        {
            throw new DuplicateAssetException(normalised.Id);
        }

        added.Add(new DiscoveredAsset(normalised, hash, 1));
    }

    /// <summary>
    /// Ends the sweep. Assets in the snapshot that were not seen are removed only when
    /// <paramref name="complete"/> is true: a partial sweep removes nothing.
    /// </summary>
    public SweepDiff Complete(bool complete)
    {
        var removed = complete
            ? snapshot.Where(e => !e.Value.Removed && !e.Value.Seen)
                .Select(e => new RemovedAsset(e.Key, e.Value.Version + 1))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .ToList()
            : [];
        return new SweepDiff(added, updated, removed, unchanged, discovered);
    }
}

/// <summary>An asset a sweep found new or changed, normalised, with its hash and the version it will have.</summary>
public sealed record DiscoveredAsset(Asset Asset, string Hash, long Version);

/// <summary>An asset a complete sweep no longer found, with the version its removal will have.</summary>
public sealed record RemovedAsset(string Id, long Version);

/// <summary>The outcome of comparing a sweep with the snapshot.</summary>
public sealed record SweepDiff(
    IReadOnlyList<DiscoveredAsset> Added,
    IReadOnlyList<DiscoveredAsset> Updated,
    IReadOnlyList<RemovedAsset> Removed,
    int Unchanged,
    int Discovered);

public sealed class DuplicateAssetException(string assetId)
    : Exception($"Asset id '{assetId}' was discovered more than once in one sweep.")
{
    public string AssetId { get; } = assetId;
}
