using Qlrf.Discovery;

namespace Qlrf.Inventory;

/// <summary>One applied change in an asset's history.</summary>
public sealed record AssetHistoryEntry(
    long Version,
    AssetChangeKind Kind,
    IReadOnlyList<string> ChangedFields,
    string? Hash,
    Guid EventId,
    string SweepRunId,
    DateTimeOffset DetectedAt,
    DateTimeOffset AppliedAt);
