using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Execution;
using Qlrf.Inventory;
using Qlrf.Rollouts.PatchSets;
using Qlrf.Sandbox;
using Qlrf.Scheduling;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Sandbox;

public sealed class SandboxExecutorTests : IDisposable
{
    private const string Estate = """
        organisation: { id: acme }
        sites:
          - { name: site-a, platform: aws, region: r1, kind: cloud_region }
          - { name: site-b, platform: aws, region: r2, kind: cloud_region }
        assets:
          - { id: a1, platform: aws, site: site-a, environment: prod, image: { family: ubuntu, version: "1.0" }, state: running, health: healthy }
          - { id: a2, platform: aws, site: site-b, environment: prod, image: { family: ubuntu, version: "1.0" }, state: running, health: healthy }
          - { id: a3, platform: aws, site: site-b, environment: dev, image: { family: ubuntu, version: "1.0" }, state: running, health: degraded }
        """;

    private readonly TempStore store = new();
    private readonly SandboxSources sources = new();
    private readonly SandboxAssetSource source;
    private readonly SandboxOptions options = new();
    private readonly SandboxExecutor executor;

    public SandboxExecutorTests()
    {
        var file = Path.Combine(store.Directory, "estate.yaml");
        File.WriteAllText(file, Estate);
        var definition = new AssetSourceDefinition("sandbox", "sandbox", "acme", CronSchedule.Parse("0 0 * * * *"), true, TimeSpan.FromMinutes(1));
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EstateFile"] = file }).Build();
        source = (SandboxAssetSource)new SandboxAssetSourceFactory(sources, store.SandboxState).Create(definition, section);
        executor = new SandboxExecutor(sources, store.SandboxState, Options.Create(options), store.Time);
    }

    public void Dispose() => store.Dispose();

    private static ImageChange Change(string asset, string version = "2.0") => new("acme", asset, "ubuntu", version, null, "rollout-1:" + asset);

    private static PatchSetChange PatchSet(string asset, bool remove = false) =>
        new("acme", asset, "2026-11-openssh", ["openssh-server@9.6p1-3"], remove, $"rollout-2:{asset}:{(remove ? "rollback" : "apply")}");

    [Fact]
    public async Task A_patch_set_is_applied_once_the_next_sweep_tags_the_asset_and_its_version_stays()
    {
        Assert.Equal(new ExecutionOutcome(true, "1.0"), await executor.ApplyPatchSetAsync(PatchSet("a1"), default));
        Assert.Equal(new ExecutionOutcome(false, "1.0"), await executor.ApplyPatchSetAsync(PatchSet("a1"), default));
        Assert.Equal(["2026-11-openssh"], (await store.SandboxState.GetAsync("acme", "a1", default))!.PatchSets);

        var sink = new ListSink();
        await source.DiscoverAsync(sink, default);

        var a1 = sink.Assets.Single(a => a.Id == "a1");
        Assert.Equal(("1.0", Qlrf.Rollouts.PatchSets.PatchSet.AppliedValue), (a1.Image!.Version, a1.Tags["patch-set.2026-11-openssh"]));
        Assert.DoesNotContain("patch-set.2026-11-openssh", sink.Assets.Single(a => a.Id == "a2").Tags.Keys);
        Assert.Equal("1.0", (await executor.CheckHealthAsync("acme", "a1", default)).Version);
    }

    [Fact]
    public async Task Removing_a_patch_set_undoes_it_once_keeps_a_later_image_change_and_leaves_an_asset_without_it_alone()
    {
        await executor.ApplyPatchSetAsync(PatchSet("a1"), default);
        await executor.ApplyImageAsync(Change("a1"), default);

        Assert.Equal(new ExecutionOutcome(true, "2.0"), await executor.ApplyPatchSetAsync(PatchSet("a1", remove: true), default));
        Assert.Equal(new ExecutionOutcome(false, "2.0"), await executor.ApplyPatchSetAsync(PatchSet("a1", remove: true), default));
        Assert.Equal(new ExecutionOutcome(false, "1.0"), await executor.ApplyPatchSetAsync(PatchSet("a2", remove: true), default));
        Assert.Null(await store.SandboxState.GetAsync("acme", "a2", default));

        var sink = new ListSink();
        await source.DiscoverAsync(sink, default);
        var a1 = sink.Assets.Single(a => a.Id == "a1");
        Assert.Equal("2.0", a1.Image!.Version);
        Assert.DoesNotContain("patch-set.2026-11-openssh", a1.Tags.Keys);
    }

    [Fact]
    public async Task Injected_faults_fail_patch_sets_as_they_fail_image_changes()
    {
        options.Faults.Add(new SandboxFault { Sites = { "site-b" }, Environments = { "prod" } });

        var ex = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyPatchSetAsync(PatchSet("a2"), default));
        Assert.Contains("Injected sandbox fault: applying patch set 2026-11-openssh", ex.Message, StringComparison.Ordinal);
        Assert.True((await executor.ApplyPatchSetAsync(PatchSet("a3"), default)).Changed);
        Assert.Null(await store.SandboxState.GetAsync("acme", "a2", default));
    }

    [Fact]
    public async Task An_image_change_is_recorded_once_and_the_next_sweep_sees_it()
    {
        Assert.True(executor.Handles("sandbox", Platform.Aws));
        Assert.Equal(new ExecutionOutcome(true, "2.0"), await executor.ApplyImageAsync(Change("a1"), default));
        Assert.Equal(new ExecutionOutcome(false, "2.0"), await executor.ApplyImageAsync(Change("a1"), default));

        var sink = new ListSink();
        await source.DiscoverAsync(sink, default);

        Assert.Equal("2.0", sink.Assets.Single(a => a.Id == "a1").Image!.Version);
        Assert.Equal("1.0", sink.Assets.Single(a => a.Id == "a2").Image!.Version);
        Assert.Equal("2.0", (await executor.CheckHealthAsync("acme", "a1", default)).Version);
    }

    [Fact]
    public async Task Injected_faults_fail_matching_assets_every_time_and_leave_the_rest()
    {
        options.Faults.Add(new SandboxFault { Sites = { "site-b" }, Environments = { "prod" } });

        var ex = await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change("a2"), default));
        Assert.Contains("Injected sandbox fault", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change("a2"), default));
        Assert.True((await executor.ApplyImageAsync(Change("a3"), default)).Changed);
        Assert.Null(await store.SandboxState.GetAsync("acme", "a2", default));
    }

    [Fact]
    public async Task A_health_fault_shows_after_the_change_and_estate_health_shows_otherwise()
    {
        options.Faults.Add(new SandboxFault { Operation = "health", AssetIds = { "a1" } });

        Assert.Equal(AssetHealth.Healthy, (await executor.CheckHealthAsync("acme", "a1", default)).Health);
        await executor.ApplyImageAsync(Change("a1"), default);
        Assert.Equal(AssetHealth.Unhealthy, (await executor.CheckHealthAsync("acme", "a1", default)).Health);
        Assert.Equal(AssetHealth.Degraded, (await executor.CheckHealthAsync("acme", "a3", default)).Health);
    }

    [Fact]
    public async Task A_fail_rate_picks_the_same_assets_every_run()
    {
        options.Faults.Add(new SandboxFault { FailRate = 0.5 });
        async Task<bool> Fails(string id)
        {
            try
            {
                await executor.ApplyImageAsync(Change(id, "3.0"), default);
                return false;
            }
            catch (ExecutorException)
            {
                return true;
            }
        }

        var first = new[] { await Fails("a1"), await Fails("a2"), await Fails("a3") };
        await store.SandboxState.SetImageAsync("acme", "a1", "1.0", null, "reset", default);
        await store.SandboxState.SetImageAsync("acme", "a2", "1.0", null, "reset", default);
        await store.SandboxState.SetImageAsync("acme", "a3", "1.0", null, "reset", default);

        Assert.Equal(first, new[] { await Fails("a1"), await Fails("a2"), await Fails("a3") });
    }

    [Fact]
    public async Task An_unknown_asset_is_an_executor_failure() =>
        await Assert.ThrowsAsync<ExecutorException>(() => executor.ApplyImageAsync(Change("nope"), default));

    private sealed class ListSink : ISweepSink
    {
        public List<Asset> Assets { get; } = [];

        public void AddAsset(Asset asset) => Assets.Add(asset);

        public void AddSite(Site site)
        {
        }

        public void ReportScopeFailure(string scope, string message)
        {
        }
    }
}
