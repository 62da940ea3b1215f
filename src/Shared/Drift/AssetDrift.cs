using Qlrf.Inventory;

namespace Qlrf.Drift;

/// <summary>
/// One asset's drift, as the engine last evaluated it: where it runs, what it runs, and how far it is
/// from production. <see cref="OutdatedSince"/> (Unix seconds) is when the production version it lacks
/// was promoted, so days behind grow with the clock without re-evaluation.
/// </summary>
public sealed record AssetDrift
{
    public required string AssetId { get; init; }

    public required string Name { get; init; }

    public required Platform Platform { get; init; }

    public required string Site { get; init; }

    public required string Environment { get; init; }

    public string? Family { get; init; }

    public string? Version { get; init; }

    public required DriftStatus Status { get; init; }

    public UnknownReason? Reason { get; init; }

    /// <summary>The production version of the family on the asset's platform, when there is one.</summary>
    public string? ProductionVersion { get; init; }

    /// <summary>Released versions between the asset's and production (production included); 0 unless outdated.</summary>
    public int VersionsBehind { get; init; }

    /// <summary>Unix seconds at which production moved past the asset's version; null unless outdated.</summary>
    public long? OutdatedSince { get; init; }

    /// <summary>Whole days behind at <paramref name="now"/>; 0 unless outdated.</summary>
    public int DaysBehind(DateTimeOffset now) =>
        OutdatedSince is { } since ? (int)Math.Max(0, (now.ToUnixTimeSeconds() - since) / 86_400) : 0;
}
