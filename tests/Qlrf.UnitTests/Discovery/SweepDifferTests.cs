using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Discovery;

public sealed class SweepDifferTests
{
    private static Dictionary<string, SnapshotEntry> Snapshot(params (Asset Asset, long Version)[] rows) =>
        rows.ToDictionary(r => r.Asset.Id, r => new SnapshotEntry(AssetContentHash.Compute(AssetNormaliser.Normalise(r.Asset)), r.Version, removed: false));

    [Fact]
    public void Classifies_added_updated_removed_and_unchanged()
    {
        var snapshot = Snapshot((Assets.Make("keep"), 3), (Assets.Make("change"), 1), (Assets.Make("gone"), 2));
        var differ = new SweepDiffer(snapshot);

        differ.Observe(Assets.Make("keep"));
        differ.Observe(Assets.Make("change", version: "2.0.0"));
        differ.Observe(Assets.Make("new"));
        var diff = differ.Complete(complete: true);

        Assert.Equal(["new"], diff.Added.Select(a => a.Asset.Id));
        Assert.Equal(1, diff.Added[0].Version);
        Assert.Equal(["change"], diff.Updated.Select(a => a.Asset.Id));
        Assert.Equal(2, diff.Updated[0].Version);
        Assert.Equal([new RemovedAsset("gone", 3)], diff.Removed);
        Assert.Equal(1, diff.Unchanged);
        Assert.Equal(3, diff.Discovered);
    }

    [Fact]
    public void A_partial_sweep_removes_nothing()
    {
        var differ = new SweepDiffer(Snapshot((Assets.Make("a"), 1), (Assets.Make("b"), 1)));
        differ.Observe(Assets.Make("a"));

        var diff = differ.Complete(complete: false);

        Assert.Empty(diff.Removed);
        Assert.Equal(1, diff.Unchanged);
    }

    [Fact]
    public void A_removed_asset_that_returns_is_added_with_the_next_version()
    {
        var snapshot = new Dictionary<string, SnapshotEntry> { ["a"] = new(string.Empty, 4, removed: true) };
        var differ = new SweepDiffer(snapshot);
        differ.Observe(Assets.Make("a"));

        var diff = differ.Complete(complete: true);

        Assert.Equal(5, Assert.Single(diff.Added).Version);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void A_tombstone_is_not_removed_again()
    {
        var snapshot = new Dictionary<string, SnapshotEntry> { ["a"] = new(string.Empty, 4, removed: true) };

        Assert.Empty(new SweepDiffer(snapshot).Complete(complete: true).Removed);
    }

    [Fact]
    public void Cosmetic_changes_are_not_updates()
    {
        var differ = new SweepDiffer(Snapshot((Assets.Make("a"), 1)));
        differ.Observe(Assets.Make(" a ") with { Environment = "PROD" });

        var diff = differ.Complete(complete: true);

        Assert.Empty(diff.Updated);
        Assert.Equal(1, diff.Unchanged);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_same_id_twice_in_one_sweep_is_refused(bool known)
    {
        var differ = new SweepDiffer(known ? Snapshot((Assets.Make("a"), 1)) : []);
        differ.Observe(Assets.Make("a"));

        Assert.Throws<DuplicateAssetException>(() => differ.Observe(Assets.Make("a", version: "9")));
    }
}
