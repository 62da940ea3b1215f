using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Inventory;

namespace Qlrf.UnitTests.Drift;

public sealed class DriftEvaluatorTests
{
    private static readonly DateTimeOffset Promoted = new(2026, 10, 21, 9, 0, 0, TimeSpan.Zero);

    private static ImageVersion Version(string version, LifecycleStatus status, DateTimeOffset? releasedAt = null) => new()
    {
        Organisation = "acme",
        Id = "ubuntu@" + version,
        Family = "ubuntu",
        Version = version,
        CreatedAt = Promoted,
        CreatedBy = "test",
        Releases =
        [
            new PlatformRelease
            {
                Platform = Platform.Aws,
                Reference = "ami-0123456789abcdef0",
                Status = status,
                ReleasedAt = releasedAt ?? (status >= LifecycleStatus.Production ? Promoted.AddDays(-60) : null),
                PromotedAt = status == LifecycleStatus.Production ? Promoted : null,
            },
        ],
    };

    private static readonly FamilyBaseline Baseline = FamilyBaseline.From("ubuntu",
    [
        Version("2026.07.2", LifecycleStatus.Retired),
        Version("2026.08.1", LifecycleStatus.Deprecated),
        Version("2026.08.5", LifecycleStatus.Testing),
        Version("2026.09.1", LifecycleStatus.Deprecated),
        Version("2026.10.1", LifecycleStatus.Production),
        Version("2026.11.1", LifecycleStatus.Testing),
    ]);

    private static Asset On(string? family, string version, Platform platform = Platform.Aws) => new()
    {
        Id = "a1",
        Name = "web-01",
        Platform = platform,
        Site = "aws-us-east-1",
        Environment = "prod",
        Image = family is null ? null : new ImageRef(family, version),
    };

    [Fact]
    public void An_asset_on_the_production_version_is_compliant()
    {
        var drift = DriftEvaluator.Evaluate(On("ubuntu", "2026.10.1"), Baseline);

        Assert.Equal((DriftStatus.Compliant, "2026.10.1", 0, (long?)null), (drift.Status, drift.ProductionVersion, drift.VersionsBehind, drift.OutdatedSince));
    }

    [Theory]
    [InlineData("2026.09.1", 1)]
    [InlineData("2026.08.1", 2)]
    [InlineData("2026.07.2", 3)]
    [InlineData("2026.06.9", 4)]
    public void An_older_version_is_outdated_by_the_released_versions_it_lacks(string version, int behind)
    {
        var drift = DriftEvaluator.Evaluate(On("ubuntu", version), Baseline);

        Assert.Equal(DriftStatus.Outdated, drift.Status);
        Assert.Equal(behind, drift.VersionsBehind);
        Assert.Equal(Promoted.ToUnixTimeSeconds(), drift.OutdatedSince);
        Assert.Equal(31, drift.DaysBehind(Promoted.AddDays(31).AddHours(5)));
    }

    [Fact]
    public void A_newer_version_than_production_is_ahead_not_outdated()
    {
        Assert.Equal(DriftStatus.Ahead, DriftEvaluator.Evaluate(On("ubuntu", "2026.11.1"), Baseline).Status);
    }

    [Theory]
    [InlineData(null, "1.0", Platform.Aws, UnknownReason.NoImage)]
    [InlineData("rhel", "9.4", Platform.Aws, UnknownReason.UnregisteredFamily)]
    [InlineData("ubuntu", "2026.10.1", Platform.Azure, UnknownReason.NoProductionVersion)]
    [InlineData("ubuntu", "latest", Platform.Aws, UnknownReason.UnparsableVersion)]
    public void An_asset_that_cannot_be_judged_is_unknown_with_the_reason(string? family, string version, Platform platform, UnknownReason reason)
    {
        var drift = DriftEvaluator.Evaluate(On(family, version, platform), family == "ubuntu" ? Baseline : null);

        Assert.Equal((DriftStatus.Unknown, (UnknownReason?)reason), (drift.Status, drift.Reason));
    }

    [Fact]
    public void A_version_written_differently_from_production_is_still_compliant()
    {
        Assert.Equal(DriftStatus.Compliant, DriftEvaluator.Evaluate(On("ubuntu", "2026.10.01"), Baseline).Status);
    }
}
