using Qlrf.Inventory;

namespace Qlrf.Discovery;

/// <summary>
/// One change discovery found, carried on the asset-change queue. <see cref="Version"/> increases by one
/// for every change to the asset within its organisation, so a processor can apply events idempotently
/// and ignore a redelivered or stale one.
/// </summary>
public sealed record AssetChanged
{
    public required Guid EventId { get; init; }

    public required string Organisation { get; init; }

    public required string Source { get; init; }

    public required string SweepRunId { get; init; }

    public required AssetChangeKind Kind { get; init; }

    public required string AssetId { get; init; }

    public required long Version { get; init; }

    /// <summary>Content hash of <see cref="Asset"/>; null when removed.</summary>
    public string? Hash { get; init; }

    /// <summary>For an update, the fields that changed (<c>image.version</c>, <c>tags.owner</c>).</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    /// <summary>The asset as discovered; null when removed.</summary>
    public Asset? Asset { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }
}
