using Qlrf.Inventory;

namespace Qlrf.Discovery;

/// <summary>
/// Turns a <see cref="SweepDiff"/> into the <see cref="SweepCommit"/> that records it: one event per change,
/// naming the fields an update changed, and the snapshot rows to write.
/// </summary>
public static class SweepCommitBuilder
{
    /// <param name="run">The run, already finished (status, counts and errors are filled in here).</param>
    /// <param name="previous">The previous content of each updated asset, by id.</param>
    /// <param name="newEventId">Creates event ids.</param>
    public static SweepCommit Build(
        SweepRun run,
        IReadOnlyList<Site> sites,
        SweepDiff diff,
        IReadOnlyDictionary<string, Asset> previous,
        Func<Guid> newEventId)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(newEventId);
        var detectedAt = run.FinishedAt ?? run.StartedAt;
        var changes = new List<AssetChanged>(diff.Added.Count + diff.Updated.Count + diff.Removed.Count);
        var snapshot = new List<SnapshotWrite>(changes.Capacity);
        var unchanged = diff.Unchanged;
        var updatedCount = 0;

        AssetChanged Event(AssetChangeKind kind, string id, long version, string? hash, Asset? asset, IReadOnlyList<string> fields) => new()
        {
            EventId = newEventId(),
            Organisation = run.Organisation,
            Source = run.Source,
            SweepRunId = run.Id,
            Kind = kind,
            AssetId = id,
            Version = version,
            Hash = hash,
            Asset = asset,
            ChangedFields = fields,
            DetectedAt = detectedAt,
        };

        foreach (var a in diff.Added)
        {
            changes.Add(Event(AssetChangeKind.Added, a.Asset.Id, a.Version, a.Hash, a.Asset, []));
            snapshot.Add(new SnapshotWrite(a.Asset.Id, a.Hash, a.Version, a.Asset));
        }

        foreach (var u in diff.Updated)
        {
            var fields = previous.TryGetValue(u.Asset.Id, out var before)
                ? AssetFieldDiff.ChangedFields(before, u.Asset)
                : ["*"];
            if (fields.Count == 0)
            {
                // Same content under a different hash (an older hash encoding): refresh the row quietly.
                snapshot.Add(new SnapshotWrite(u.Asset.Id, u.Hash, u.Version - 1, u.Asset));
                unchanged++;
                continue;
            }

            updatedCount++;
            changes.Add(Event(AssetChangeKind.Updated, u.Asset.Id, u.Version, u.Hash, u.Asset, fields));
            snapshot.Add(new SnapshotWrite(u.Asset.Id, u.Hash, u.Version, u.Asset));
        }

        foreach (var r in diff.Removed)
        {
            changes.Add(Event(AssetChangeKind.Removed, r.Id, r.Version, null, null, []));
            snapshot.Add(new SnapshotWrite(r.Id, string.Empty, r.Version, null));
        }

        var finished = run with
        {
            Counts = new SweepCounts(diff.Discovered, diff.Added.Count, updatedCount, diff.Removed.Count, unchanged),
        };
        return new SweepCommit(finished, sites, snapshot, changes);
    }
}
