using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Discovery;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;

namespace Qlrf.IntegrationTests;

public sealed class DiscoveryTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task An_edit_to_the_estate_file_shows_up_as_changes_on_the_next_sweep()
    {
        await using var host = new QlrfHost(directory);
        await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();
        var before = (await host.AllAssetsAsync()).ToDictionary(a => a.Id);
        var updatedId = before.Keys.First(id => id.StartsWith("use1-prod-web-", StringComparison.Ordinal));
        var removedId = before.Keys.First(id => id.StartsWith("lon-dev-", StringComparison.Ordinal));

        directory.EditEstate(text =>
        {
            var lines = text.Split('\n').ToList();
            var start = lines.IndexOf($"  - id: {updatedId}");
            var version = lines.FindIndex(start, l => l.StartsWith("      version: ", StringComparison.Ordinal));
            lines[version] = "      version: \"2026.11.1\"";
            var owner = lines.FindIndex(start, l => l == "    tags:");
            lines.Insert(owner + 1, "      owner: \"sre-oncall\"");
            var removeAt = lines.IndexOf($"  - id: {removedId}");
            var removeEnd = lines.FindIndex(removeAt + 1, l => l.StartsWith("  - id: ", StringComparison.Ordinal));
            lines.RemoveRange(removeAt, removeEnd - removeAt);
            lines.InsertRange(removeAt, [
                "  - id: lon-prod-web-99", "    name: web-prod-lon-99", "    platform: vsphere", "    site: dc-london",
                "    environment: prod", "    image:", "      family: ubuntu-2204-base", "      version: \"2026.10.1\"",
                "    tags:", "      app: web", "    state: running", "    health: healthy"]);
            return string.Join('\n', lines);
        });

        var run = await host.SweepNowAsync();
        await host.WaitForQueueToDrainAsync();

        Assert.Equal(SweepStatus.Succeeded, run.Status);
        Assert.Equal((1, 1, 1), (run.Counts.Added, run.Counts.Updated, run.Counts.Removed));
        var updated = await host.GetJsonAsync<AssetDetailDto>($"/api/v1/assets/{updatedId}");
        Assert.Equal(("2026.11.1", 2L, "sre-oncall"), (updated.Asset.Image!.Version, updated.Asset.Version, updated.Asset.Tags["owner"]));
        Assert.Equal(["image.version", "tags.owner"], updated.History[0].ChangedFields);
        Assert.Equal(run.Id, updated.History[0].SweepRunId);

        var after = (await host.AllAssetsAsync()).Select(a => a.Id).ToHashSet();
        Assert.DoesNotContain(removedId, after);
        Assert.Contains("lon-prod-web-99", after);
        var removed = await host.GetJsonAsync<AssetDetailDto>($"/api/v1/assets/{removedId}");
        Assert.NotNull(removed.Asset.RemovedAt);
        Assert.Equal(AssetChangeKind.Removed, removed.History[0].Kind);
        Assert.Empty(host.Logs.WarningsAndErrors);
    }

    [Fact]
    public async Task A_malformed_estate_fails_the_sweep_naming_file_line_and_field_and_leaves_the_inventory_untouched()
    {
        await using var host = new QlrfHost(directory);
        await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();
        var before = await host.AllAssetsAsync();
        var lines = File.ReadAllLines(directory.EstatePath);
        var line = Array.FindIndex(lines, Array.IndexOf(lines, "assets:"), l => l == "    platform: aws") + 1;
        directory.EditEstate(text =>
        {
            var edited = File.ReadAllLines(directory.EstatePath);
            edited[line - 1] = "    platform: amazon";
            // A valid change elsewhere must not be applied either: the whole sweep fails.
            edited[Array.FindLastIndex(edited, l => l.StartsWith("      version: ", StringComparison.Ordinal))] = "      version: \"0.0.1\"";
            return string.Join('\n', edited);
        });

        var run = await host.SweepNowAsync();

        Assert.Equal(SweepStatus.Failed, run.Status);
        var error = Assert.Single(run.Errors);
        Assert.Equal($"{directory.EstatePath}:{line}", error.Scope);
        Assert.StartsWith("assets[", error.Message, StringComparison.Ordinal);
        Assert.Contains("].platform: 'amazon' is not one of", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(directory.EstatePath, error.Message, StringComparison.Ordinal);
        var logged = Assert.Single(host.Logs.WarningsAndErrors, l => l.Contains("failed; the inventory is untouched", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(logged, System.Text.RegularExpressions.Regex.Escape(directory.EstatePath)));
        Assert.Equal(0, (await host.Service<Qlrf.Messaging.IAssetChangeQueue>().GetDepthAsync(default)).Visible);
        Assert.Equal(before, await host.AllAssetsAsync(), new AssetDtoComparer());

        var (_, _, ready) = await host.SendAsync(HttpMethod.Get, "/readyz");
        Assert.Contains("\"status\":\"degraded\"", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_sweep_of_a_source_already_sweeping_is_a_409()
    {
        var gate = new BlockingSourceFactory();
        await using var host = new QlrfHost(
            directory,
            new Dictionary<string, string?>
            {
                ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
                ["Qlrf:Discovery:Sources:slow:Kind"] = "blocking",
                ["Qlrf:Discovery:Sources:slow:SweepAtStartup"] = "false",
            },
            s => s.AddSingleton<IAssetSourceFactory>(gate));

        var (first, _, body) = await host.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", """{"source":"slow"}""");
        Assert.Equal(HttpStatusCode.Accepted, first);
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var (second, problem, _) = await host.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", """{"source":"slow"}""");
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Contains("already sweeping", problem!.Detail, StringComparison.Ordinal);

        gate.Release.SetResult();
        var run = await host.WaitForRunAsync(System.Text.Json.JsonSerializer.Deserialize<SweepRun>(body, QlrfHost.Json)!.Id);
        Assert.Equal(SweepStatus.Succeeded, run.Status);
        var (third, _, _) = await host.SendAsync(HttpMethod.Post, "/api/v1/discovery/sweeps", """{"source":"slow"}""");
        Assert.Equal(HttpStatusCode.Accepted, third);
    }

    [Fact]
    public async Task Sweeps_requested_while_a_source_sweeps_become_one_more_sweep_after_it()
    {
        var gate = new BlockingSourceFactory();
        await using var host = new QlrfHost(
            directory,
            new Dictionary<string, string?>
            {
                ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
                ["Qlrf:Discovery:Sources:slow:Kind"] = "blocking",
                ["Qlrf:Discovery:Sources:slow:SweepAtStartup"] = "false",
            },
            s => s.AddSingleton<IAssetSourceFactory>(gate));
        var coordinator = host.Service<Qlrf.Discovery.SweepCoordinator>();
        var organisation = host.Service<Microsoft.Extensions.Options.IOptions<Qlrf.Tenancy.TenancyOptions>>().Value.DefaultOrganisation;

        Assert.True(await coordinator.RequestAsync(organisation, "slow", SweepTrigger.Workflow, CancellationToken.None));
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(await coordinator.RequestAsync(organisation, "slow", SweepTrigger.Workflow, CancellationToken.None));
        Assert.False(await coordinator.RequestAsync(organisation, "slow", SweepTrigger.Workflow, CancellationToken.None));
        Assert.Equal(1, gate.Calls);

        gate.Release.SetResult();
        List<SweepRun> runs = [];
        await Eventually.TrueAsync(async () =>
        {
            runs = (await host.GetJsonAsync<PageDto<SweepRun>>("/api/v1/discovery/runs")).Items.Where(r => r.Source == "slow").ToList();
            return runs.Count == 2 && runs.All(r => r.Status != SweepStatus.Running);
        }, TimeSpan.FromSeconds(30), "the follow-up sweep to finish");

        Assert.All(runs, r => Assert.Equal(SweepStatus.Succeeded, r.Status));
        Assert.Equal(2, gate.Calls);
        Assert.True(runs.Max(r => r.StartedAt) >= runs.Min(r => r.FinishedAt!.Value), "the follow-up started before the first sweep ended");
    }

    private sealed class BlockingSourceFactory : IAssetSourceFactory
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

#pragma warning disable SA1401, CA1051 // counted by the sources it makes
        internal int calls;
#pragma warning restore SA1401, CA1051

        public int Calls => Volatile.Read(ref calls);

        public string Kind => "blocking";

        public IEnumerable<string> Validate(string settingPath, IConfiguration section) => [];

        public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section) => new Source(this, definition);

        private sealed class Source(BlockingSourceFactory factory, AssetSourceDefinition definition) : IAssetSource
        {
            public string Name => definition.Name;

            public string Organisation => definition.Organisation;

            public async Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref factory.calls);
                factory.Started.TrySetResult();
                await factory.Release.Task.WaitAsync(cancellationToken);
            }
        }
    }

    private sealed class AssetDtoComparer : IEqualityComparer<AssetDto>
    {
        public bool Equals(AssetDto? x, AssetDto? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Version == y.Version && x.Image == y.Image && x.Platform == y.Platform;

        public int GetHashCode(AssetDto obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
