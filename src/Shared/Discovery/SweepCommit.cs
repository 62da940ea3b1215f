using Qlrf.Inventory;

namespace Qlrf.Discovery;

/// <summary>
/// Everything one sweep writes, committed atomically: the finished run record, the sites it saw, the
/// snapshot rows that changed, and the <see cref="AssetChanged"/> events for the queue (the outbox).
/// </summary>
public sealed record SweepCommit(
    SweepRun Run,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<SnapshotWrite> Snapshot,
    IReadOnlyList<AssetChanged> Changes);

/// <summary>A snapshot row to write. <see cref="Asset"/> is null for a removal (a tombstone).</summary>
public sealed record SnapshotWrite(string AssetId, string Hash, long Version, Asset? Asset);
