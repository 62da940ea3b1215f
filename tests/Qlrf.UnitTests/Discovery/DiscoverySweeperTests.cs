using Microsoft.Extensions.Logging.Abstractions;
using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Discovery;

public sealed class DiscoverySweeperTests : IDisposable
{
    private readonly TempStore store = new();
    private readonly DiscoverySweeper sweeper;
    private int runs;

    public DiscoverySweeperTests() => sweeper = new DiscoverySweeper(store.Discovery, store.Time, NullLogger<DiscoverySweeper>.Instance);

    public void Dispose() => store.Dispose();

    private async Task<SweepRun> SweepAsync(FakeSource source)
    {
        var run = new SweepRun { Id = $"run-{++runs:D3}", Organisation = "acme", Source = "fake", Trigger = SweepTrigger.Api, StartedAt = store.Time.GetUtcNow() };
        await store.Discovery.StartRunAsync(run, default);
        return await sweeper.SweepAsync(source, run, TimeSpan.FromMinutes(1), default);
    }

    private async Task<List<AssetChanged>> DrainAsync()
    {
        var deliveries = await store.Queue.ReceiveAsync(1000, default);
        await store.Queue.CompleteAsync(deliveries, default);
        return deliveries.Select(d => d.Message!).ToList();
    }

    [Fact]
    public async Task A_sweep_enqueues_what_changed_since_the_last_one()
    {
        await SweepAsync(new FakeSource(Assets.Make("a"), Assets.Make("b"), Assets.Make("c")));
        Assert.Equal(3, (await DrainAsync()).Count);

        var run = await SweepAsync(new FakeSource(Assets.Make("a"), Assets.Make("b", version: "2.0.0"), Assets.Make("d")));

        Assert.Equal(SweepStatus.Succeeded, run.Status);
        Assert.Equal(new SweepCounts(3, 1, 1, 1, 1), run.Counts);
        var changes = await DrainAsync();
        Assert.Equal(
            [(AssetChangeKind.Added, "d"), (AssetChangeKind.Updated, "b"), (AssetChangeKind.Removed, "c")],
            changes.Select(c => (c.Kind, c.AssetId)));
        Assert.Equal(["image.version"], changes[1].ChangedFields);
        Assert.Equal(2, changes[1].Version);
    }

    [Fact]
    public async Task A_partial_sweep_applies_additions_and_updates_but_removes_nothing()
    {
        await SweepAsync(new FakeSource(Assets.Make("a"), Assets.Make("b")));
        await DrainAsync();

        var run = await SweepAsync(new FakeSource(Assets.Make("a", version: "2.0.0")) { FailScope = "us-east-1" });

        Assert.Equal(SweepStatus.Partial, run.Status);
        Assert.Equal(new SweepError("us-east-1", "throttled"), Assert.Single(run.Errors));
        Assert.Equal([AssetChangeKind.Updated], (await DrainAsync()).Select(c => c.Kind));
    }

    [Fact]
    public async Task A_failed_sweep_writes_nothing_but_its_run()
    {
        await SweepAsync(new FakeSource(Assets.Make("a")));
        await DrainAsync();

        var run = await SweepAsync(new FakeSource(Assets.Make("a", version: "9")) { Throw = true });

        Assert.Equal(SweepStatus.Failed, run.Status);
        Assert.Equal("fake", Assert.Single(run.Errors).Scope);
        Assert.Empty(await DrainAsync());
        var stored = await store.Discovery.GetRunAsync("acme", run.Id, default);
        Assert.Equal(SweepStatus.Failed, stored!.Status);
        Assert.NotNull(stored.FinishedAt);

        // The next good sweep still sees the old snapshot, so the change is found then.
        await SweepAsync(new FakeSource(Assets.Make("a", version: "9")));
        Assert.Equal([AssetChangeKind.Updated], (await DrainAsync()).Select(c => c.Kind));
    }

    [Fact]
    public async Task An_unreadable_asset_is_skipped_and_makes_the_sweep_partial()
    {
        await SweepAsync(new FakeSource(Assets.Make("a"), Assets.Make("b")));
        await DrainAsync();

        var run = await SweepAsync(new FakeSource(Assets.Make("a"), Assets.Make("b") with { Id = " " }));

        Assert.Equal(SweepStatus.Partial, run.Status);
        Assert.Empty(await DrainAsync());
    }

    [Fact]
    public async Task A_second_start_of_a_running_source_is_a_conflict()
    {
        var run = new SweepRun { Id = "r1", Organisation = "acme", Source = "fake", Trigger = SweepTrigger.Api, StartedAt = store.Time.GetUtcNow() };
        await store.Discovery.StartRunAsync(run, default);

        await Assert.ThrowsAsync<Qlrf.Errors.ConflictException>(() => store.Discovery.StartRunAsync(run with { Id = "r2" }, default));
    }

    private sealed class FakeSource(params Asset[] assets) : IAssetSource
    {
        public string Name => "fake";

        public string Organisation => "acme";

        public string? FailScope { get; init; }

        public bool Throw { get; init; }

        public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
        {
            sink.AddSite(new Site("site-a", Platform.Aws, "us-east-1", SiteKind.CloudRegion));
            foreach (var asset in assets)
            {
                sink.AddAsset(asset);
            }

            if (FailScope is not null)
            {
                sink.ReportScopeFailure(FailScope, "throttled");
            }

            return Throw ? throw new HttpRequestException("connection refused") : Task.CompletedTask;
        }
    }
}
