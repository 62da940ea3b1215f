namespace Qlrf.Drift;

/// <summary>
/// Trends from snapshots: per group, a series of points over time, and a week-over-week comparison of
/// the latest point with the one taken about a week before it.
/// </summary>
public static class DriftTrends
{
    /// <summary>How far a snapshot may be from exactly a week before the latest and still count as "a week ago".</summary>
    public static readonly TimeSpan WeekTolerance = TimeSpan.FromHours(36);

    public static IReadOnlyList<TrendSeries> Build(IEnumerable<DriftSnapshot> snapshots, DriftDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var ordered = snapshots.OrderBy(s => s.TakenAt).ToList();
        var series = new Dictionary<DriftGroup, List<TrendPoint>>();
        foreach (var snapshot in ordered)
        {
            foreach (var row in snapshot.Rows.Where(r => r.Group.Dimension == dimension))
            {
                if (!series.TryGetValue(row.Group, out var points))
                {
                    series[row.Group] = points = [];
                }

                points.Add(new TrendPoint(snapshot.TakenAt, snapshot.Trigger, row.Summary));
            }
        }

        return series
            .OrderBy(s => s.Key.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Key2, StringComparer.Ordinal)
            .Select(s => new TrendSeries(s.Key, s.Value, WeekOverWeek(s.Value)))
            .ToList();
    }

    public static WeekOverWeek? WeekOverWeek(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return null;
        }

        var current = points[^1];
        var target = current.At - TimeSpan.FromDays(7);
        var previous = points
            .Where(p => p.At < current.At && (p.At - target).Duration() <= WeekTolerance)
            .MinBy(p => (p.At - target).Duration());
        if (previous is null)
        {
            return null;
        }

        double? coverageChange = current.Summary.CoveragePercent is { } now && previous.Summary.CoveragePercent is { } then
            ? Math.Round(now - then, 1, MidpointRounding.AwayFromZero)
            : null;
        return new WeekOverWeek(
            previous.At,
            current.At,
            coverageChange,
            current.Summary.Compliant - previous.Summary.Compliant,
            current.Summary.Outdated - previous.Summary.Outdated,
            current.Summary.Total - previous.Summary.Total,
            current.Summary.MaxDaysBehind - previous.Summary.MaxDaysBehind);
    }
}

/// <summary>One group's summary at one snapshot.</summary>
public sealed record TrendPoint(DateTimeOffset At, SnapshotTrigger Trigger, DriftSummary Summary);

/// <summary>A group's points over time, with its week-over-week change (null without a snapshot from about a week before the latest).</summary>
public sealed record TrendSeries(DriftGroup Group, IReadOnlyList<TrendPoint> Points, WeekOverWeek? WeekOverWeek);

/// <summary>The latest point against the one about a week earlier: coverage in percentage points, counts in assets.</summary>
public sealed record WeekOverWeek(
    DateTimeOffset From,
    DateTimeOffset To,
    double? CoverageChange,
    long CompliantChange,
    long OutdatedChange,
    long TotalChange,
    int MaxDaysBehindChange);
