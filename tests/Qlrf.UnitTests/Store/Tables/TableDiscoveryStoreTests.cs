using Qlrf.Discovery;
using Qlrf.Errors;
using Qlrf.Inventory;
using Qlrf.Messaging;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableDiscoveryStoreTests
{
    private readonly ObservedTables tables;
    private readonly ManualTimeProvider time = new();
    private readonly Publisher published = new();
    private readonly TableDiscoveryStore store;

    public TableDiscoveryStoreTests(Azurite azurite)
    {
        tables = new(azurite.NewTables());
        store = new TableDiscoveryStore(tables, new TableInventoryStore(tables, time), published, time);
    }

    private sealed class Publisher : IAssetChangePublisher
    {
        public List<AssetChanged> Events { get; } = [];

        public int FailuresLeft { get; set; }

        public Task PublishAsync(IReadOnlyList<AssetChanged> changes, CancellationToken cancellationToken)
        {
            if (FailuresLeft-- > 0)
            {
                throw new InvalidOperationException("Service Bus is unavailable.");
            }

            Events.AddRange(changes);
            return Task.CompletedTask;
        }
    }

    private SweepRun Run(string id, string source = "sandbox") =>
        new() { Id = id, Organisation = "acme", Source = source, Trigger = SweepTrigger.Schedule, StartedAt = time.GetUtcNow() };

    private SweepCommit Commit(SweepRun run, params string[] added)
    {
        var finished = run with { Status = SweepStatus.Succeeded, FinishedAt = time.GetUtcNow(), Counts = new SweepCounts(added.Length, added.Length, 0, 0, 0) };
        var changes = added.Select(id => new AssetChanged
        {
            EventId = Guid.NewGuid(),
            Organisation = "acme",
            Source = run.Source,
            SweepRunId = run.Id,
            Kind = AssetChangeKind.Added,
            AssetId = id,
            Version = 1,
            Hash = "h-" + id,
            Asset = Assets.Make(id),
            DetectedAt = time.GetUtcNow(),
        }).ToList();
        return new SweepCommit(
            finished,
            [new Site("site-a", Platform.Sandbox, "local", SiteKind.CloudRegion)],
            added.Select(id => new SnapshotWrite(id, "h-" + id, 1, Assets.Make(id))).ToList(),
            changes);
    }

    [Fact]
    public async Task A_source_sweeps_once_at_a_time()
    {
        await store.StartRunAsync(Run("r1"), default);

        await Assert.ThrowsAsync<ConflictException>(() => store.StartRunAsync(Run("r2"), default));
        await store.StartRunAsync(Run("r3", "aws"), default);
    }

    [Fact]
    public async Task A_commit_writes_the_snapshot_sites_and_run_publishes_its_events_and_frees_the_source()
    {
        var run = Run("r1");
        await store.StartRunAsync(run, default);

        await store.CommitSweepAsync(Commit(run, "a", "b/1"), default);

        Assert.Equal(["a", "b/1"], published.Events.Select(e => e.AssetId));
        var snapshot = await store.LoadSnapshotAsync("acme", "sandbox", default);
        Assert.Equal(["a", "b/1"], snapshot.Keys.Order());
        Assert.Equal("b/1", (await store.LoadSnapshotAssetsAsync("acme", "sandbox", ["b/1"], default))["b/1"].Id);
        Assert.Equal(SweepStatus.Succeeded, (await store.GetRunAsync("acme", "r1", default))!.Status);
        Assert.Equal(["r1"], (await store.LatestSucceededRunsAsync("acme", default)).Select(r => r.Id));
        Assert.Single(await new TableInventoryStore(tables, time).ListSitesAsync("acme", default));
        Assert.Empty(await tables.Table(TableNames.Discovery).QueryPrefixAsync("acme", "o|", default).ToListAsync(default));
        await store.StartRunAsync(Run("r2"), default);
    }

    [Fact]
    public async Task A_commit_cut_short_after_the_run_finished_is_completed_by_the_next_start_of_its_source()
    {
        var run = Run("r1");
        await store.StartRunAsync(run, default);
        published.FailuresLeft = 1;

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitSweepAsync(Commit(run, "a"), default));
        Assert.Empty(published.Events);

        await store.StartRunAsync(Run("r2"), default);

        Assert.Equal(["a"], published.Events.Select(e => e.AssetId));
        Assert.Equal(["a"], (await store.LoadSnapshotAsync("acme", "sandbox", default)).Keys);
    }

    [Fact]
    public async Task A_run_left_running_blocks_its_source_until_it_is_stale_and_is_then_failed()
    {
        await store.StartRunAsync(Run("r1"), default);
        time.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<ConflictException>(() => store.StartRunAsync(Run("r2"), default));

        time.Advance(TableDiscoveryStore.StaleAfter);
        await store.StartRunAsync(Run("r3"), default);

        var failed = await store.GetRunAsync("acme", "r1", default);
        Assert.Equal(SweepStatus.Failed, failed!.Status);
        Assert.Equal(["r3", "r1"], (await store.ListRunsAsync("acme", null, 10, null, default)).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task A_restarted_host_fails_every_run_it_left_running_and_the_commit_of_a_failed_run_is_refused()
    {
        var run = Run("r1");
        await store.StartRunAsync(run, default);
        await store.StartRunAsync(Run("r2", "aws"), default);

        Assert.Equal(2, await store.FailInterruptedRunsAsync("The host stopped before the sweep finished.", time.GetUtcNow(), default));

        await Assert.ThrowsAsync<ConflictException>(() => store.CommitSweepAsync(Commit(run, "a"), default));
        Assert.Equal(["aws", "sandbox"], (await store.LatestRunsAsync("acme", default)).Select(r => r.Source).Order());
        await store.StartRunAsync(Run("r3"), default);
    }

    [Fact]
    public async Task Runs_list_newest_first_by_source_and_page()
    {
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            var run = Run(id);
            await store.StartRunAsync(run, default);
            await store.CommitSweepAsync(Commit(run), default);
            time.Advance(TimeSpan.FromMinutes(15));
        }

        var first = await store.ListRunsAsync("acme", "sandbox", 2, null, default);
        var second = await store.ListRunsAsync("acme", "sandbox", 2, first.NextCursor, default);

        Assert.Equal(["r3", "r2"], first.Items.Select(r => r.Id));
        Assert.Equal(["r1"], second.Items.Select(r => r.Id));
        Assert.Empty((await store.ListRunsAsync("acme", "aws", 2, null, default)).Items);
    }
}
