using System.Net;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>Patch-set rollouts through the real host: planned from the catalogue, approved or rejected through the API, swept.</summary>
public sealed class PatchSetRolloutTests : IAsyncLifetime
{
    private const string PatchSetId = "2026-11-openssh-hardening";
    private const string Tag = "patch-set." + PatchSetId;

    /// <summary>The dev assets of the set's families (ubuntu-2204-base and rhel-9-base), canary of 2, two waves, no waits.</summary>
    private const string DevOpenSsh = """
        {
          "target": { "patchSet": "2026-11-openssh-hardening" },
          "scope": { "environments": ["dev"] },
          "strategy": { "canaryCount": 2, "waves": [50, 100], "batchSize": 8, "waitBetweenWaves": "00:00:00" },
          "autonomy": "approve_all"
        }
        """;

    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050" });
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task A_patch_set_rollout_approved_through_the_API_completes_and_the_swept_assets_carry_the_set_on_their_versions()
    {
        var devBefore = (await host.AllAssetsAsync("environment=dev")).ToDictionary(a => a.Id, a => a.Image?.Version);
        var inFamilies = (await host.AllAssetsAsync("environment=dev"))
            .Where(a => a.Image?.Family is "ubuntu-2204-base" or "rhel-9-base").Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(inFamilies);
        Assert.Empty(await host.AllAssetsAsync($"tag={Tag}:applied"));

        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(DevOpenSsh);
        var waiting = await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        Assert.Equal("patch set " + PatchSetId, waiting.Rollout.Target);
        Assert.Empty(waiting.Policy.Violations);
        Assert.Equal(inFamilies, waiting.Assets.Select(a => a.AssetId).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(0, waiting.Risk!.Contributions.Single(c => c.Factor == RiskFactor.VersionsJumped).Points);

        foreach (var approver in new[] { "bob", "carol" }.Take(waiting.ApprovalRequirement.RequiredApprovals))
        {
            using var client = host.CreateUserClient(approver, roles: Role.Engineer);
            var decided = await client.DecideRolloutAsync(id, "approve", $"{approver}: patch set checked");
            Assert.True(decided.Status == HttpStatusCode.OK, decided.Body);
        }

        var done = await host.WaitForStatusAsync(id, RolloutStatus.Completed);
        Assert.Equal((inFamilies.Count, 0), (done.Rollout.Progress.Done, done.Rollout.Progress.Failed));
        Assert.All(done.Assets, a => Assert.Equal((RolloutAssetStatus.Succeeded, true, devBefore[a.AssetId]), (a.Status, a.Changed, a.ToVersion)));

        await Eventually.TrueAsync(
            async () => (await host.AllAssetsAsync($"tag={Tag}:applied")).Count == inFamilies.Count,
            TimeSpan.FromSeconds(30),
            "the sweep to show the patch set");
        var patched = await host.AllAssetsAsync($"tag={Tag}:applied");
        Assert.Equal(inFamilies, patched.Select(a => a.Id).Order(StringComparer.Ordinal).ToList());
        Assert.All(patched, a => Assert.Equal(devBefore[a.Id], a.Image?.Version));

        var again = await host.WaitForRolloutAsync(await alice.StartedRolloutAsync(DevOpenSsh), d => d.Rollout.Status != RolloutStatus.Planning, "to be planned");
        Assert.Equal((inFamilies.Count, 0), (again.Policy.AlreadyOnTarget, again.Rollout.Progress.Total));
    }

    [Fact]
    public async Task Rejecting_a_patch_set_rollout_leaves_the_assets_untouched()
    {
        var before = await host.AllAssetsAsync("environment=dev");
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(DevOpenSsh);
        await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);

        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await bob.DecideRolloutAsync(id, "reject", "not this week")).Status);
        var rejected = await host.WaitForStatusAsync(id, RolloutStatus.Rejected);
        Assert.All(rejected.Assets, a => Assert.Equal(RolloutAssetStatus.Pending, a.Status));

        await host.SweepNowAsync();
        var after = await host.AllAssetsAsync("environment=dev");
        Assert.Equal(before.Select(a => (a.Id, a.Image?.Version, a.Version)), after.Select(a => (a.Id, a.Image?.Version, a.Version)));
        Assert.Empty(await host.AllAssetsAsync($"tag={Tag}:applied"));
    }

    [Fact]
    public async Task An_unknown_patch_set_is_a_400_naming_the_field()
    {
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var reply = await alice.StartRolloutAsync("""{"target":{"patchSet":"2099-01-nothing"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("target.patchSet:", reply.Problem!.Detail, StringComparison.Ordinal);
        Assert.Contains(PatchSetId, reply.Problem.Detail, StringComparison.Ordinal);
    }
}
