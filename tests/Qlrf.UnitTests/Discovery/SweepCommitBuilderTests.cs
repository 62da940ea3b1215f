using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Discovery;

public sealed class SweepCommitBuilderTests
{
    private static readonly SweepRun Run = new()
    {
        Id = "run-1",
        Organisation = "acme",
        Source = "sandbox",
        Trigger = SweepTrigger.Api,
        StartedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 5, TimeSpan.Zero),
        Status = SweepStatus.Succeeded,
    };

    [Fact]
    public void Builds_one_event_per_change_naming_updated_fields()
    {
        var before = Assets.Make("u");
        var after = AssetNormaliser.Normalise(Assets.Make("u", version: "2.0.0"));
        var added = AssetNormaliser.Normalise(Assets.Make("n"));
        var diff = new SweepDiff(
            [new DiscoveredAsset(added, "h-n", 1)],
            [new DiscoveredAsset(after, "h-u", 7)],
            [new RemovedAsset("r", 3)],
            Unchanged: 10,
            Discovered: 12);
        var ids = 0;

        var commit = SweepCommitBuilder.Build(Run, [], diff, new Dictionary<string, Asset> { ["u"] = before }, () => new Guid(++ids, 0, 0, new byte[8]));

        Assert.Equal(
            [(AssetChangeKind.Added, "n", 1L), (AssetChangeKind.Updated, "u", 7L), (AssetChangeKind.Removed, "r", 3L)],
            commit.Changes.Select(c => (c.Kind, c.AssetId, c.Version)));
        Assert.Equal(["image.version"], commit.Changes[1].ChangedFields);
        Assert.Null(commit.Changes[2].Asset);
        Assert.All(commit.Changes, c => Assert.Equal(("acme", "sandbox", "run-1", Run.FinishedAt!.Value), (c.Organisation, c.Source, c.SweepRunId, c.DetectedAt)));
        Assert.Equal(3, commit.Changes.Select(c => c.EventId).Distinct().Count());
        Assert.Equal(new SweepCounts(12, 1, 1, 1, 10), commit.Run.Counts);
        Assert.Equal([("n", 1L, false), ("u", 7L, false), ("r", 3L, true)], commit.Snapshot.Select(s => (s.AssetId, s.Version, s.Asset is null)));
    }

    [Fact]
    public void A_new_hash_over_unchanged_content_refreshes_the_snapshot_without_an_event()
    {
        var asset = AssetNormaliser.Normalise(Assets.Make("u"));
        var diff = new SweepDiff([], [new DiscoveredAsset(asset, "new-hash", 5)], [], 0, 1);

        var commit = SweepCommitBuilder.Build(Run, [], diff, new Dictionary<string, Asset> { ["u"] = asset }, Guid.NewGuid);

        Assert.Empty(commit.Changes);
        var row = Assert.Single(commit.Snapshot);
        Assert.Equal(("new-hash", 4L), (row.Hash, row.Version));
        Assert.Equal(new SweepCounts(1, 0, 0, 0, 1), commit.Run.Counts);
    }
}
