using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.UnitTests.Drift;

public sealed class DriftSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static AssetDrift Row(string id, DriftStatus status, int daysAgo = 0, int behind = 0) => new()
    {
        AssetId = id,
        Name = id,
        Platform = Platform.Aws,
        Site = "s",
        Environment = "prod",
        Family = "ubuntu",
        Version = "1",
        Status = status,
        VersionsBehind = behind,
        OutdatedSince = status == DriftStatus.Outdated ? Now.AddDays(-daysAgo).AddHours(-1).ToUnixTimeSeconds() : null,
    };

    [Theory]
    [InlineData(69, 100, RagStatus.Red)]
    [InlineData(70, 100, RagStatus.Amber)]
    [InlineData(89, 100, RagStatus.Amber)]
    [InlineData(90, 100, RagStatus.Green)]
    [InlineData(1, 1, RagStatus.Green)]
    public void Coverage_reads_red_below_70_amber_below_90_and_green_above(int compliant, int total, RagStatus rag)
    {
        var counters = new DriftCounters { Total = total, Compliant = compliant, Unknown = total - compliant };

        Assert.Equal(rag, DriftSummary.From(counters, Now, RagThresholds.Default).Rag);
    }

    [Fact]
    public void Thresholds_are_the_organisations_own()
    {
        var counters = new DriftCounters { Total = 100, Compliant = 80, Unknown = 20 };

        Assert.Equal(RagStatus.Red, DriftSummary.From(counters, Now, new RagThresholds(85, 95)).Rag);
        Assert.Equal(RagStatus.Green, DriftSummary.From(counters, Now, new RagThresholds(50, 75)).Rag);
    }

    [Fact]
    public void Unknown_and_ahead_assets_count_against_coverage_and_days_behind_come_from_outdated_ones()
    {
        var summary = DriftSummary.From(DriftRecompute.Summaries(
        [
            Row("a", DriftStatus.Compliant),
            Row("b", DriftStatus.Unknown),
            Row("c", DriftStatus.Ahead),
            Row("d", DriftStatus.Outdated, daysAgo: 10, behind: 1),
            Row("e", DriftStatus.Outdated, daysAgo: 31, behind: 3),
        ])[DriftGroup.Organisation], Now, RagThresholds.Default);

        Assert.Equal((5L, 1L, 2L, 1L, 1L), (summary.Total, summary.Compliant, summary.Outdated, summary.Ahead, summary.Unknown));
        Assert.Equal(20.0, summary.CoveragePercent);
        Assert.Equal((31, 20.5, 2.0), (summary.MaxDaysBehind, summary.AvgDaysBehind, summary.AvgVersionsBehind));
    }

    [Fact]
    public void Subtracting_what_was_added_leaves_nothing()
    {
        var delta = new DriftDelta();
        var row = Row("d", DriftStatus.Outdated, daysAgo: 3, behind: 2);
        delta.Apply(null, row);
        delta.Apply(row, null);

        Assert.All(delta.Groups.Values, c => Assert.True(c.IsEmpty));
        Assert.Equal(6, delta.Groups.Count);
    }

    [Fact]
    public void Thresholds_must_be_percentages_in_order()
    {
        Assert.Null(new RagThresholds(70, 90).Problem());
        Assert.NotNull(new RagThresholds(95, 90).Problem());
        Assert.NotNull(new RagThresholds(-1, 90).Problem());
    }
}
