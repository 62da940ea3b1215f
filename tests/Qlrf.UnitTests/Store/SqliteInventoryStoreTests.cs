using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

public sealed class SqliteInventoryStoreTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

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
    public async Task A_redelivered_event_changes_nothing()
    {
        var added = Change("a", 1, AssetChangeKind.Added);
        Assert.Single(await store.Inventory.ApplyAsync([added], default));

        Assert.Empty(await store.Inventory.ApplyAsync([added], default));

        Assert.Single(await store.Inventory.GetHistoryAsync("acme", "a", 10, default));
    }

    [Fact]
    public async Task A_stale_event_after_a_newer_one_is_ignored()
    {
        await store.Inventory.ApplyAsync([Change("a", 1, AssetChangeKind.Added), Change("a", 3, image: "3.0.0")], default);

        var applied = await store.Inventory.ApplyAsync([Change("a", 2, image: "2.0.0")], default);

        Assert.Empty(applied);
        var asset = await store.Inventory.GetAssetAsync("acme", "a", default);
        Assert.Equal(("3.0.0", 3L), (asset!.Asset.Image!.Version, asset.Version));
    }

    [Fact]
    public async Task Apply_returns_the_previous_state_and_keeps_history_newest_first()
    {
        await store.Inventory.ApplyAsync([Change("a", 1, AssetChangeKind.Added)], default);

        var applied = Assert.Single(await store.Inventory.ApplyAsync([Change("a", 2, image: "2.0.0")], default));

        Assert.Equal("1.0.0", applied.Previous!.Asset.Image!.Version);
        var history = await store.Inventory.GetHistoryAsync("acme", "a", 10, default);
        Assert.Equal([(2L, AssetChangeKind.Updated), (1L, AssetChangeKind.Added)], history.Select(h => (h.Version, h.Kind)));
        Assert.Equal(["image.version"], history[0].ChangedFields);
    }

    [Fact]
    public async Task A_removed_asset_leaves_listings_but_keeps_its_record_and_history_and_can_return()
    {
        await store.Inventory.ApplyAsync([Change("a", 1, AssetChangeKind.Added), Change("b", 1, AssetChangeKind.Added)], default);
        await store.Inventory.ApplyAsync([Change("a", 2, AssetChangeKind.Removed)], default);

        var page = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter(), 10, null, default);
        Assert.Equal(["b"], page.Items.Select(i => i.Asset.Id));
        var removed = await store.Inventory.GetAssetAsync("acme", "a", default);
        Assert.NotNull(removed!.RemovedAt);

        await store.Inventory.ApplyAsync([Change("a", 3, AssetChangeKind.Added)], default);
        Assert.Null((await store.Inventory.GetAssetAsync("acme", "a", default))!.RemovedAt);
        Assert.Equal(3, (await store.Inventory.GetHistoryAsync("acme", "a", 10, default)).Count);
    }

    [Fact]
    public async Task Removing_an_asset_never_applied_does_nothing() =>
        Assert.Empty(await store.Inventory.ApplyAsync([Change("ghost", 2, AssetChangeKind.Removed)], default));

    [Fact]
    public async Task Queries_filter_page_and_stay_within_the_organisation()
    {
        var changes = Enumerable.Range(1, 5).Select(i => Change($"a{i}", 1, AssetChangeKind.Added) with
        {
            Asset = Assets.Make($"a{i}", environment: i % 2 == 0 ? "dev" : "prod", tags: new Dictionary<string, string> { ["team"] = i <= 2 ? "core" : "edge" }),
        }).ToList();
        changes.Add(Change("other", 1, AssetChangeKind.Added) with { Organisation = "globex" });
        await store.Inventory.ApplyAsync(changes, default);

        var prod = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter { Environment = "prod" }, 10, null, default);
        Assert.Equal(["a1", "a3", "a5"], prod.Items.Select(i => i.Asset.Id));
        var tagged = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter { Tags = [new("team", "core")], Environment = "dev" }, 10, null, default);
        Assert.Equal(["a2"], tagged.Items.Select(i => i.Asset.Id));

        var first = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter(), 2, null, default);
        var second = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter(), 2, first.NextCursor, default);
        var last = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter(), 2, second.NextCursor, default);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], first.Items.Concat(second.Items).Concat(last.Items).Select(i => i.Asset.Id));
        Assert.Null(last.NextCursor);

        Assert.Null(await store.Inventory.GetAssetAsync("acme", "other", default));
        var facets = await store.Inventory.GetFacetsAsync("acme", default);
        Assert.Equal(["dev", "prod"], facets.Environments.Order());
    }

    [Fact]
    public async Task A_tag_filter_follows_changed_tags_pages_and_combines_tags()
    {
        static Dictionary<string, string> Tags(string team, string tier) => new() { ["team"] = team, ["tier"] = tier };
        static KeyValuePair<string, string> T(string key, string value) => new(key, value);
        var added = Enumerable.Range(1, 6).Select(i => Change($"a{i}", 1, AssetChangeKind.Added) with
        {
            Asset = Assets.Make($"a{i}", tags: Tags(i % 2 == 0 ? "core" : "edge", i <= 3 ? "front" : "back")),
        }).ToList();
        added.Add(Change("a7", 1, AssetChangeKind.Added) with { Organisation = "globex", Asset = Assets.Make("a7", tags: Tags("core", "front")) });
        await store.Inventory.ApplyAsync(added, default);

        // a2 moves from core to edge; a5 from edge to core; a4 is removed.
        await store.Inventory.ApplyAsync(
        [
            Change("a2", 2) with { Asset = Assets.Make("a2", tags: Tags("edge", "front")) },
            Change("a5", 2) with { Asset = Assets.Make("a5", tags: Tags("core", "back")) },
            Change("a4", 2, AssetChangeKind.Removed),
        ], default);

        async Task<List<string>> Query(params KeyValuePair<string, string>[] tags)
        {
            var ids = new List<string>();
            string? cursor = null;
            do
            {
                var page = await store.Inventory.QueryAssetsAsync("acme", new AssetFilter { Tags = [.. tags] }, 1, cursor, default);
                ids.AddRange(page.Items.Select(i => i.Asset.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            return ids;
        }

        Assert.Equal(["a5", "a6"], await Query(T("team", "core")));
        Assert.Equal(["a1", "a2", "a3"], await Query(T("team", "edge")));
        Assert.Equal(["a1", "a2", "a3"], await Query(T("team", "edge"), T("tier", "front")));
        Assert.Equal(["a5", "a6"], await Query(T("tier", "back")));
        Assert.Equal(["a5", "a6"], await Query(T("tier", "back"), T("team", "core")));
        Assert.Empty(await Query(T("tier", "back"), T("team", "edge")));
        Assert.Empty(await Query(T("team", "nobody")));
    }
}
