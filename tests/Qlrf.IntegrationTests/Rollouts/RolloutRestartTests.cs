using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Execution;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>
/// A rollout survives its host: the host is stopped mid-wave (sandbox changes held by injected latency) and another
/// starts on the same store; the rollout resumes from its durable history, completes, and changes every asset once.
/// </summary>
public sealed class RolloutRestartTests : IDisposable
{
    private readonly HostDirectory directory = new();
    private readonly ConcurrentDictionary<string, int> changes = new(StringComparer.Ordinal);

    public void Dispose() => directory.Dispose();

    private QlrfHost Host() => new(
        directory,
        new Dictionary<string, string?>
        {
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
            ["Qlrf:Sandbox:ApplyLatency"] = "00:00:00.250",
        },
        services: CountChanges);

    [Fact]
    public async Task A_host_stopped_mid_wave_and_started_again_completes_the_rollout_and_changes_every_asset_once()
    {
        string id;
        int total;
        await using (var first = Host())
        {
            await first.WaitForFirstSweepAsync();
            await first.WaitForDriftAsync(316);
            using var alice = first.CreateUserClient("alice", roles: Role.Engineer);
            id = await alice.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
            var waiting = await first.WaitForRolloutAsync(id, d => d.Rollout.Status == RolloutStatus.AwaitingApproval && d.Approvals.Count == 1, "to await approval");
            total = waiting.Rollout.Progress.Total;
            Assert.True(total > 8, $"{total} assets: too few for a wave to be under way");
            using var bob = first.CreateUserClient("bob", roles: Role.Engineer);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await bob.DecideRolloutAsync(id, "approve", "go")).Status);

            // Past the canary (2 assets), inside the first wave.
            var midWave = await first.WaitForRolloutAsync(id, d => d.Rollout.Progress.Done >= 3, "to be inside the first wave");
            Assert.Equal(RolloutStatus.Running, midWave.Rollout.Status);
        }

        var beforeRestart = changes.Count;
        Assert.InRange(beforeRestart, 3, total - 1);

        await using var second = Host();
        var done = await second.WaitForStatusAsync(id, RolloutStatus.Completed, TimeSpan.FromMinutes(2));

        Assert.Equal((total, 0, total), (done.Rollout.Progress.Done, done.Rollout.Progress.Failed, done.Rollout.Progress.Total));
        Assert.All(done.Assets, a => Assert.Equal((RolloutAssetStatus.Succeeded, "2026.10.1"), (a.Status, a.ToVersion)));
        Assert.Equal(done.Assets.Select(a => a.AssetId).Order(StringComparer.Ordinal), changes.Keys.Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.True(c.Value == 1, $"{c.Key} was changed {c.Value} times"));
        var state = await second.Service<ISandboxStateStore>().LoadAsync(second.DefaultOrganisation(), CancellationToken.None);
        Assert.All(done.Assets, a => Assert.StartsWith(id, state[a.AssetId].ChangedBy, StringComparison.Ordinal));
    }

    /// <summary>Counts, across both hosts, every image version the sandbox executor writes, by asset.</summary>
    private void CountChanges(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(ISandboxStateStore));
        services.Remove(registered);
        services.AddSingleton<ISandboxStateStore>(sp => new CountingStateStore(
            (ISandboxStateStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
            changes));
    }

    private sealed class CountingStateStore(ISandboxStateStore inner, ConcurrentDictionary<string, int> changes) : ISandboxStateStore
    {
        public Task<IReadOnlyDictionary<string, SandboxAssetState>> LoadAsync(string organisation, CancellationToken cancellationToken) =>
            inner.LoadAsync(organisation, cancellationToken);

        public Task<SandboxAssetState?> GetAsync(string organisation, string assetId, CancellationToken cancellationToken) =>
            inner.GetAsync(organisation, assetId, cancellationToken);

        public async Task<SandboxAssetState> SetImageAsync(string organisation, string assetId, string version, string? reference, string changedBy, CancellationToken cancellationToken)
        {
            var written = await inner.SetImageAsync(organisation, assetId, version, reference, changedBy, cancellationToken);
            changes.AddOrUpdate(assetId, 1, (_, n) => n + 1);
            return written;
        }

        public async Task<SandboxAssetState> SetPatchSetsAsync(
            string organisation, string assetId, string version, string? reference, IReadOnlyList<string> patchSets, string changedBy, CancellationToken cancellationToken)
        {
            var written = await inner.SetPatchSetsAsync(organisation, assetId, version, reference, patchSets, changedBy, cancellationToken);
            changes.AddOrUpdate(assetId, 1, (_, n) => n + 1);
            return written;
        }
    }
}
