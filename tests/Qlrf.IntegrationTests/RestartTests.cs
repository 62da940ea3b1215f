using Qlrf.Discovery;
using Qlrf.Host.LocalTriggers;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;
using Qlrf.Messaging;
using Qlrf.Sandbox;

namespace Qlrf.IntegrationTests;

public sealed class RestartTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task After_a_restart_with_messages_in_flight_every_change_is_applied_exactly_once_in_effect()
    {
        var estate = EstateFileReader.Read(directory.EstatePath);
        int leased, appliedButNotCompleted;

        // First host: no queue consumer. The start-up sweep enqueues every asset; a "consumer" then leases
        // some messages and applies part of them without completing them, as if the process died mid-batch.
        await using (var first = new QlrfHost(directory, services: QlrfHost.Without<AssetChangeQueueWorker>()))
        {
            await first.WaitForFirstSweepAsync();
            var queue = first.Service<IAssetChangeQueue>();
            var inFlight = await queue.ReceiveAsync(120, default);
            var half = inFlight.Take(60).Select(d => d.Message!).ToList();
            await first.Service<AssetChangeFunctions>().ApplyAsync(half, default);
            leased = inFlight.Count;
            appliedButNotCompleted = half.Count;
            var depth = await queue.GetDepthAsync(default);
            Assert.Equal((estate.Assets.Count - leased, (long)leased), (depth.Visible, depth.InFlight));
        }

        // Second host on the same store: reclaims the leases at once and drains the queue.
        await using var second = new QlrfHost(directory);
        await second.WaitForQueueToDrainAsync();
        var restartSweep = await second.WaitForFirstSweepAsync();
        await second.WaitForQueueToDrainAsync();

        Assert.True(leased > 0 && appliedButNotCompleted > 0);
        var assets = await second.AllAssetsAsync();
        Assert.Equal(estate.Assets.Select(a => a.Id).Order(StringComparer.Ordinal), assets.Select(a => a.Id));
        Assert.All(assets, a => Assert.Equal(1, a.Version));
        var inventory = second.Service<IInventoryStore>();
        foreach (var asset in assets)
        {
            var history = await inventory.GetHistoryAsync("acme", asset.Id, 10, default);
            Assert.Single(history);
        }

        Assert.Empty((await second.Service<IAssetChangeQueue>().ListDeadLettersAsync("acme", 10, null, default)).Items);
        var runs = await second.GetJsonAsync<PageDto<Qlrf.Discovery.SweepRun>>("/api/v1/discovery/runs");
        Assert.Equal(0, runs.Items[0].Counts.Added + runs.Items[0].Counts.Updated + runs.Items[0].Counts.Removed);
        Assert.NotNull(restartSweep);
    }

    [Fact]
    public async Task Data_survives_a_restart_and_a_sweep_left_running_is_recorded_as_failed()
    {
        await using (var first = new QlrfHost(directory))
        {
            await first.WaitForFirstSweepAsync();
            await first.WaitForQueueToDrainAsync();
        }

        // Simulate a host that died mid-sweep: a run still marked running.
        await using (var store = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" }))
        {
            await store.Service<Qlrf.Discovery.IDiscoveryStore>().StartRunAsync(new Qlrf.Discovery.SweepRun
            {
                Id = "00000000-0000-7000-8000-000000000001",
                Organisation = "acme",
                Source = "sandbox",
                Trigger = Qlrf.Discovery.SweepTrigger.Schedule,
                StartedAt = DateTimeOffset.UnixEpoch,
            }, default);
        }

        await using var second = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        var interrupted = await second.GetJsonAsync<Qlrf.Discovery.SweepRun>("/api/v1/discovery/runs/00000000-0000-7000-8000-000000000001");
        Assert.Equal(Qlrf.Discovery.SweepStatus.Failed, interrupted.Status);
        Assert.Contains("stopped", interrupted.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(EstateFileReader.Read(directory.EstatePath).Assets.Count, (await second.AllAssetsAsync()).Count);
    }
}
