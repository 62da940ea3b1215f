using Qlrf.Drift;

namespace Qlrf.UnitTests.Drift;

public sealed class DriftTrendsTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 5, 0, TimeSpan.Zero);

    private static DriftSnapshot Snapshot(int day, long compliant, long total, double coverage) =>
        new("acme", "daily-" + day, Day0.AddDays(day), SnapshotTrigger.Daily,
        [
            new SnapshotRow(DriftGroup.Organisation, new DriftSummary { Total = total, Compliant = compliant, Outdated = total - compliant, Ahead = 0, Unknown = 0, CoveragePercent = coverage }),
            new SnapshotRow(new DriftGroup(DriftDimension.Environment, "prod", string.Empty), new DriftSummary { Total = 1, Compliant = 1, Outdated = 0, Ahead = 0, Unknown = 0, CoveragePercent = 100 }),
        ]);

    [Fact]
    public void Week_over_week_compares_the_latest_point_with_the_one_a_week_before()
    {
        var series = DriftTrends.Build([Snapshot(0, 50, 100, 50), Snapshot(3, 55, 100, 55), Snapshot(7, 62, 104, 59.6), Snapshot(14, 70, 104, 67.3)], DriftDimension.Organisation);

        var organisation = Assert.Single(series);
        Assert.Equal(4, organisation.Points.Count);
        var wow = organisation.WeekOverWeek!;
        Assert.Equal((Day0.AddDays(7), Day0.AddDays(14)), (wow.From, wow.To));
        Assert.Equal((7.7, 8L, 0L), (wow.CoverageChange, wow.CompliantChange, wow.TotalChange));
    }

    [Fact]
    public void Without_a_snapshot_about_a_week_earlier_there_is_no_week_over_week()
    {
        var series = DriftTrends.Build([Snapshot(0, 50, 100, 50), Snapshot(3, 55, 100, 55)], DriftDimension.Organisation);

        Assert.Null(Assert.Single(series).WeekOverWeek);
    }

    [Fact]
    public void Series_are_per_group_of_the_chosen_dimension()
    {
        var series = DriftTrends.Build([Snapshot(0, 50, 100, 50), Snapshot(7, 55, 100, 55)], DriftDimension.Environment);

        Assert.Equal("prod", Assert.Single(series).Group.Key);
    }
}
