using Moq;
using Qlrf.Compliance.Checks;
using Qlrf.Drift;
using Qlrf.Inventory;
using Qlrf.Paging;
using static Qlrf.UnitTests.Compliance.ComplianceFixtures;

namespace Qlrf.UnitTests.Compliance;

/// <summary>Assets against the golden version, from their drift: compliant passes, outdated and ahead fail, unknown is no evidence.</summary>
public sealed class GoldenImageCheckTests
{
    private static AssetDrift Drift(string id, DriftStatus status, string version = "2", string env = "prod") => new()
    {
        AssetId = id,
        Name = id,
        Platform = Platform.Aws,
        Site = "eu-west",
        Environment = env,
        Family = status == DriftStatus.Unknown ? null : "web",
        Version = version,
        Status = status,
        ProductionVersion = "2",
        VersionsBehind = status == DriftStatus.Outdated ? 1 : 0,
        OutdatedSince = status == DriftStatus.Outdated ? Now.AddDays(-20).ToUnixTimeSeconds() : null,
    };

    [Fact]
    public void Compliant_passes_outdated_and_ahead_fail_with_the_versions_and_unknown_is_no_evidence()
    {
        var compliant = GoldenImageCheck.Judge(Drift("a1", DriftStatus.Compliant))!;
        Assert.Equal(("asset", "a1", true, "prod", "eu-west", "web"), (compliant.ObjectKind, compliant.ObjectId, compliant.Passed, compliant.Environment, compliant.Site, compliant.Scope));

        var outdated = GoldenImageCheck.Judge(Drift("a2", DriftStatus.Outdated, "1"))!;
        Assert.False(outdated.Passed);
        Assert.Equal("runs web@1; production is 2 (1 version(s) behind, since 2026-11-11)", outdated.Reason);

        var ahead = GoldenImageCheck.Judge(Drift("a3", DriftStatus.Ahead, "3"))!;
        Assert.Equal((false, "runs web@3, ahead of production 2 (not released)"), (ahead.Passed, ahead.Reason));

        Assert.Null(GoldenImageCheck.Judge(Drift("a4", DriftStatus.Unknown)));
    }

    [Fact]
    public async Task A_change_re_evaluates_its_assets_and_a_removed_or_unknown_asset_leaves_the_results()
    {
        var inventory = new Mock<IInventoryStore>();
        var drift = new Mock<IDriftStore>();
        InventoryAsset Live(string id, DateTimeOffset? removed = null) => new()
        {
            Organisation = "acme",
            Asset = new Asset { Id = id, Name = id, Platform = Platform.Aws, Site = "eu-west", Environment = "prod" },
            Source = "sandbox",
            Version = 1,
            Hash = "h",
            FirstSeenAt = Now,
            LastChangedAt = Now,
            RemovedAt = removed,
        };
        inventory.Setup(i => i.GetAssetAsync("acme", "a1", It.IsAny<CancellationToken>())).ReturnsAsync(Live("a1"));
        inventory.Setup(i => i.GetAssetAsync("acme", "a2", It.IsAny<CancellationToken>())).ReturnsAsync(Live("a2", Now));
        inventory.Setup(i => i.GetAssetAsync("acme", "a3", It.IsAny<CancellationToken>())).ReturnsAsync(Live("a3"));
        drift.Setup(d => d.GetAssetAsync("acme", "a1", It.IsAny<CancellationToken>())).ReturnsAsync(Drift("a1", DriftStatus.Compliant));
        drift.Setup(d => d.GetAssetAsync("acme", "a2", It.IsAny<CancellationToken>())).ReturnsAsync(Drift("a2", DriftStatus.Outdated, "1"));
        drift.Setup(d => d.GetAssetAsync("acme", "a3", It.IsAny<CancellationToken>())).ReturnsAsync(Drift("a3", DriftStatus.Unknown));
        var check = new GoldenImageCheck(inventory.Object, drift.Object);

        var delta = await check.EvaluateAssetsAsync(Context(check), ["a1", "a2", "a3", "never-seen"], default);

        Assert.Equal(["a1"], delta.Upserts.Select(u => u.ObjectId));
        Assert.Equal(["a2", "a3", "never-seen"], delta.Removed);

        var otherFamily = await check.EvaluateAssetsAsync(Context(check, ("family", "db")), ["a1"], default);
        Assert.Equal((0, "a1"), (otherFamily.Upserts.Count, Assert.Single(otherFamily.Removed)));
    }

    [Fact]
    public async Task A_full_evaluation_pages_through_the_live_inventory()
    {
        var inventory = new Mock<IInventoryStore>();
        var drift = new Mock<IDriftStore>();
        InventoryAsset Live(string id) => new()
        {
            Organisation = "acme",
            Asset = new Asset { Id = id, Name = id, Platform = Platform.Aws, Site = "eu-west", Environment = "prod" },
            Source = "sandbox",
            Version = 1,
            Hash = "h",
            FirstSeenAt = Now,
            LastChangedAt = Now,
        };
        inventory.Setup(i => i.QueryAssetsAsync("acme", It.IsAny<AssetFilter>(), It.IsAny<int>(), null, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<InventoryAsset>([Live("a1")], "a1"));
        inventory.Setup(i => i.QueryAssetsAsync("acme", It.IsAny<AssetFilter>(), It.IsAny<int>(), "a1", It.IsAny<CancellationToken>())).ReturnsAsync(new Page<InventoryAsset>([Live("a2")], null));
        drift.Setup(d => d.GetAssetAsync("acme", "a1", It.IsAny<CancellationToken>())).ReturnsAsync(Drift("a1", DriftStatus.Compliant));
        drift.Setup(d => d.GetAssetAsync("acme", "a2", It.IsAny<CancellationToken>())).ReturnsAsync(Drift("a2", DriftStatus.Outdated, "1"));
        var check = new GoldenImageCheck(inventory.Object, drift.Object);

        var results = await check.EvaluateAsync(Context(check), default);

        Assert.Equal([("a1", true), ("a2", false)], results.Select(r => (r.ObjectId, r.Passed)));
        inventory.Verify(i => i.QueryAssetsAsync("acme", It.Is<AssetFilter>(f => f.ImageFamily == null), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));

        await check.EvaluateAsync(Context(check, ("family", "web")), default);
        inventory.Verify(i => i.QueryAssetsAsync("acme", It.Is<AssetFilter>(f => f.ImageFamily == "web"), It.IsAny<int>(), null, It.IsAny<CancellationToken>()), Times.Once);
    }
}
