namespace Qlrf.Inventory;

/// <summary>
/// Puts an asset into the one canonical form that discovery hashes and compares, so that a platform's
/// cosmetic differences (padding, letter case of environments and families, tag order, empty tags)
/// never show up as changes.
/// </summary>
public static class AssetNormaliser
{
    /// <summary>Longest asset id accepted (cloud resource ids fit well inside it).</summary>
    public const int MaxIdLength = 512;

    public static Asset Normalise(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var id = asset.Id?.Trim() ?? string.Empty;
        if (id.Length == 0)
        {
            throw new ArgumentException("An asset id must not be empty.", nameof(asset));
        }

        if (id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            throw new ArgumentException($"Asset id '{Printable(id)}' is longer than {MaxIdLength} characters or holds control characters.", nameof(asset));
        }

        var name = asset.Name?.Trim();
        return new Asset
        {
            Id = id,
            Name = string.IsNullOrEmpty(name) ? id : name,
            Platform = asset.Platform,
            Site = asset.Site?.Trim() ?? string.Empty,
            Environment = asset.Environment?.Trim().ToLowerInvariant() ?? string.Empty,
            Image = NormaliseImage(asset.Image),
            Tags = NormaliseTags(asset.Tags),
            State = asset.State,
            Health = asset.Health,
        };
    }

    public static ImageRef? NormaliseImage(ImageRef? image)
    {
        if (image is null)
        {
            return null;
        }

        var family = image.Family?.Trim().ToLowerInvariant() ?? string.Empty;
        var version = image.Version?.Trim() ?? string.Empty;
        if (family.Length == 0 && version.Length == 0)
        {
            return null;
        }

        var reference = image.Reference?.Trim();
        return new ImageRef(family, version, string.IsNullOrEmpty(reference) ? null : reference);
    }

    public static IReadOnlyDictionary<string, string> NormaliseTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return Asset.EmptyTags;
        }

        var trimmed = new List<KeyValuePair<string, string>>(tags.Count);
        foreach (var (key, value) in tags)
        {
            var k = key?.Trim();
            if (!string.IsNullOrEmpty(k))
            {
                trimmed.Add(new(k, value?.Trim() ?? string.Empty));
            }
        }

        // A plain dictionary filled in key order enumerates in key order and costs far less than a sorted tree.
        trimmed.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var sorted = new Dictionary<string, string>(trimmed.Count, StringComparer.Ordinal);
        foreach (var (key, value) in trimmed)
        {
            sorted[key] = value;
        }

        return sorted;
    }

    private static string Printable(string id) => id.Length > 64 ? string.Concat(id.AsSpan(0, 64), "…") : id;
}
