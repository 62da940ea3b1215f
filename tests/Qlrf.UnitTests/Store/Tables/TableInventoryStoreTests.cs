using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableInventoryStoreTests
{
    private readonly ObservedTables tables;
    private readonly TableInventoryStore inventory;

    public TableInventoryStoreTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        inventory = new TableInventoryStore(tables, new ManualTimeProvider());
    }

    private static AssetChanged Change(string id, long version, AssetChangeKind kind = AssetChangeKind.Updated, string image = "1.0.0") => new()
    {
        EventId = Guid.NewGuid(),
        Organisation = "acme",
        Source = "sandbox",
        SweepRunId = "run-" + version,
        Kind = kind,
        AssetId = id,
        Version = version,
        Asset = kind == AssetChangeKind.Removed ? null : Assets.Make(id, version: image),
        Hash = kind == AssetChangeKind.Removed ? null : "h" + version,
        ChangedFields = kind == AssetChangeKind.Updated ? ["image.version"] : [],
        DetectedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_redelivered_or_stale_event_changes_nothing()
    {
        var added = Change("a", 1, AssetChangeKind.Added);
        await inventory.ApplyAsync([added, Change("a", 3, image: "3.0.0")], default);

        Assert.Empty(await inventory.ApplyAsync([added, Change("a", 2, image: "2.0.0")], default));

        var asset = await inventory.GetAssetAsync("acme", "a", default);
        Assert.Equal(("3.0.0", 3L), (asset!.Asset.Image!.Version, asset.Version));
        Assert.Equal(2, (await inventory.GetHistoryAsync("acme", "a", 10, default)).Count);
    }

    [Fact]
    public async Task An_asset_and_its_history_entry_are_written_in_one_batch_and_history_reads_newest_first()
    {
        await inventory.ApplyAsync([Change("a/1", 1, AssetChangeKind.Added)], default);

        var applied = Assert.Single(await inventory.ApplyAsync([Change("a/1", 2, image: "2.0.0")], default));

        Assert.Equal("1.0.0", applied.Previous!.Asset.Image!.Version);
        Assert.Equal([(2L, AssetChangeKind.Updated), (1L, AssetChangeKind.Added)], (await inventory.GetHistoryAsync("acme", "a/1", 10, default)).Select(h => (h.Version, h.Kind)));
        Assert.All(tables.Table(TableNames.Inventory).Batches, b => Assert.Contains(b, a => a.Row.RowKey.StartsWith("h|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_change_that_loses_a_race_is_read_again_and_applied_once()
    {
        await inventory.ApplyAsync([Change("a", 1, AssetChangeKind.Added)], default);
        tables.Table(TableNames.Inventory).RaceNextSubmit();

        Assert.Single(await inventory.ApplyAsync([Change("a", 2, image: "2.0.0")], default));
        Assert.Equal(2, (await inventory.GetAssetAsync("acme", "a", default))!.Version);
    }

    [Fact]
    public async Task A_removed_asset_leaves_the_listing_but_reads_by_id_and_facets_keep_known_values()
    {
        await inventory.ApplyAsync([Change("a", 1, AssetChangeKind.Added), Change("b", 1, AssetChangeKind.Added), Change("c", 1, AssetChangeKind.Added)], default);
        await inventory.ApplyAsync([Change("b", 2, AssetChangeKind.Removed)], default);

        var first = await inventory.QueryAssetsAsync("acme", new AssetFilter(), 1, null, default);
        var second = await inventory.QueryAssetsAsync("acme", new AssetFilter(), 1, first.NextCursor, default);

        Assert.Equal(["a"], first.Items.Select(a => a.Asset.Id));
        Assert.Equal(["c"], second.Items.Select(a => a.Asset.Id));
        Assert.Null(second.NextCursor);
        Assert.NotNull((await inventory.GetAssetAsync("acme", "b", default))!.RemovedAt);
        var facets = await inventory.GetFacetsAsync("acme", default);
        Assert.Contains(Assets.Make("a").Site, facets.Sites);
        Assert.Empty((await inventory.QueryAssetsAsync("globex", new AssetFilter(), 10, null, default)).Items);
    }
}
