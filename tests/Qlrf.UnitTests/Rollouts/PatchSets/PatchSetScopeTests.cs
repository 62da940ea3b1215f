using Qlrf.Discovery;
using Qlrf.Workflows.Rollouts.Planning;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.PatchSets;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Rollouts.PatchSets;

public sealed class PatchSetScopeTests : IDisposable
{
    private static readonly PatchSet OpenSsh = new("2026-11-openssh", "OpenSSH hardening", ["ubuntu-2204-base", "rhel-9-base"], ["openssh-server@9.6p1-3"], Severity.High, false);

    private readonly TempStore store = new();
    private readonly ScopeResolution scopes;

    public PatchSetScopeTests() => scopes = new ScopeResolution(store.Inventory);

    public void Dispose() => store.Dispose();

    private async Task SeedAsync(params Asset[] assets) =>
        await store.Inventory.ApplyAsync(assets.Select(a => new AssetChanged
        {
            EventId = Guid.NewGuid(),
            Organisation = "acme",
            Source = "sandbox",
            SweepRunId = "run-1",
            Kind = AssetChangeKind.Added,
            AssetId = a.Id,
            Version = 1,
            Asset = a,
            Hash = "h1",
            ChangedFields = [],
            DetectedAt = DateTimeOffset.UnixEpoch,
        }).ToList(), default);

    private static Asset Of(string id, string family, string environment = "dev", bool patched = false) => Assets.Make(id, environment: environment, tags: patched
        ? new Dictionary<string, string> { [OpenSsh.Tag] = PatchSet.AppliedValue }
        : null) with { Image = new ImageRef(family, "1.0.0") };

    private static RolloutRequest Request(RolloutScope scope) => new() { Target = new RolloutTarget { PatchSet = OpenSsh.Id }, Scope = scope };

    [Fact]
    public async Task A_patch_set_scopes_to_the_assets_of_its_families_that_match_the_filters_and_lack_it()
    {
        await SeedAsync(
            Of("u1", "ubuntu-2204-base"),
            Of("r1", "rhel-9-base"),
            Of("u2", "ubuntu-2204-base", patched: true),
            Of("w1", "windows-2022-base"),
            Of("u3", "ubuntu-2204-base", environment: "prod"));

        var scope = await scopes.ResolveAsync("acme", Request(new RolloutScope { Environments = ["dev"] }), OpenSsh, default);

        Assert.Equal(["r1", "u1"], scope.Assets.Select(a => a.Asset.Id).Order(StringComparer.Ordinal));
        Assert.Equal(1, scope.AlreadyOnTarget);
        Assert.Empty(scope.Violations);
    }

    [Fact]
    public async Task Named_assets_outside_the_patch_sets_families_are_violations_and_an_empty_match_is_one_too()
    {
        await SeedAsync(Of("u1", "ubuntu-2204-base"), Of("w1", "windows-2022-base"));

        var named = await scopes.ResolveAsync("acme", Request(new RolloutScope { AssetIds = ["u1", "w1"] }), OpenSsh, default);
        Assert.Equal("u1", Assert.Single(named.Assets).Asset.Id);
        Assert.Contains("w1 is not live in the inventory with an image family of patch set 2026-11-openssh", Assert.Single(named.Violations).Reason, StringComparison.Ordinal);

        var none = await scopes.ResolveAsync("acme", Request(new RolloutScope { Environments = ["staging"] }), OpenSsh, default);
        Assert.Empty(none.Assets);
        Assert.Contains("matches no live asset", Assert.Single(none.Violations).Reason, StringComparison.Ordinal);
    }
}
