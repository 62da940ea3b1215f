using Qlrf.Images;
using Qlrf.Inventory;

namespace Qlrf.Drift;

/// <summary>
/// What drift compares a family's assets with: per platform, the production version, when it was
/// promoted, and every version ever released there (for counting versions behind).
/// </summary>
public sealed class FamilyBaseline
{
    private readonly Dictionary<Platform, PlatformBaseline> platforms;

    public FamilyBaseline(string family, IReadOnlyDictionary<Platform, PlatformBaseline> platforms)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        Family = family;
        this.platforms = new Dictionary<Platform, PlatformBaseline>(platforms);
    }

    public string Family { get; }

    public PlatformBaseline? On(Platform platform) => platforms.GetValueOrDefault(platform);

    /// <summary>Builds the baseline from the family's versions.</summary>
    public static FamilyBaseline From(string family, IEnumerable<ImageVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var released = new Dictionary<Platform, List<ImageVersionNumber>>();
        var production = new Dictionary<Platform, (ImageVersion Version, DateTimeOffset At)>();
        foreach (var version in versions)
        {
            foreach (var release in version.Releases)
            {
                if (release.ReleasedAt is not null)
                {
                    if (!released.TryGetValue(release.Platform, out var list))
                    {
                        released[release.Platform] = list = [];
                    }

                    list.Add(version.Number);
                }

                if (release.Status == LifecycleStatus.Production)
                {
                    production[release.Platform] = (version, release.PromotedAt ?? release.ReleasedAt ?? version.CreatedAt);
                }
            }
        }

        var result = new Dictionary<Platform, PlatformBaseline>();
        foreach (var (platform, (version, at)) in production)
        {
            var list = released.GetValueOrDefault(platform) ?? [];
            if (!list.Contains(version.Number))
            {
                list.Add(version.Number);
            }

            list.Sort();
            result[platform] = new PlatformBaseline(version.Version, version.Number, at.ToUnixTimeSeconds(), [.. list]);
        }

        return new FamilyBaseline(family, result);
    }
}

/// <summary>The production version on one platform, and the versions released there, in order.</summary>
public sealed record PlatformBaseline(string Version, ImageVersionNumber Number, long PromotedAt, ImageVersionNumber[] Released)
{
    /// <summary>Released versions after <paramref name="version"/> up to and including production.</summary>
    public int CountBehind(ImageVersionNumber version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var lo = 0;
        var hi = Released.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Released[mid] <= version)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var upTo = Array.FindLastIndex(Released, v => v <= Number) + 1;
        return Math.Max(1, upTo - lo);
    }
}
