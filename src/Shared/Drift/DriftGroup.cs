using Qlrf.Json;

namespace Qlrf.Drift;

/// <summary>The ways drift is summarised.</summary>
public enum DriftDimension
{
    Organisation,
    Environment,
    Platform,
    Site,
    SiteEnvironment,
    Family,
}

/// <summary>
/// One summary group: the organisation as a whole (no keys), an environment, a platform, a site, a site
/// and environment (<see cref="Key"/> the site, <see cref="Key2"/> the environment), or a family (empty
/// for assets without an image).
/// </summary>
public readonly record struct DriftGroup(DriftDimension Dimension, string Key, string Key2)
{
    public static readonly DriftGroup Organisation = new(DriftDimension.Organisation, string.Empty, string.Empty);

    /// <summary>The groups an asset counts in: one per dimension.</summary>
    public static DriftGroup[] Of(AssetDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        return
        [
            Organisation,
            new(DriftDimension.Environment, drift.Environment, string.Empty),
            new(DriftDimension.Platform, EnumText<Inventory.Platform>.Of(drift.Platform), string.Empty),
            new(DriftDimension.Site, drift.Site, string.Empty),
            new(DriftDimension.SiteEnvironment, drift.Site, drift.Environment),
            new(DriftDimension.Family, drift.Family ?? string.Empty, string.Empty),
        ];
    }
}
