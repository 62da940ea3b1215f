namespace Qlrf.Rollouts;

/// <summary>An asset as planning sees it.</summary>
/// <param name="DrPair">The DR pair the asset belongs to, if any; both members of a pair never share a wave.</param>
public sealed record PlannedAsset(
    string Id,
    string Environment,
    string Site,
    bool Healthy,
    string? DrPair,
    string? CurrentVersion);
