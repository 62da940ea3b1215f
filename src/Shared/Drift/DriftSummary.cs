namespace Qlrf.Drift;

/// <summary>
/// A summary group as read: counts, coverage (compliant ÷ total, so unknown and ahead assets count
/// against it), RAG, and days behind at the time of reading.
/// </summary>
public sealed record DriftSummary
{
    public required long Total { get; init; }

    public required long Compliant { get; init; }

    public required long Outdated { get; init; }

    public required long Ahead { get; init; }

    public required long Unknown { get; init; }

    /// <summary>Percentage, one decimal; null when the group has no assets.</summary>
    public double? CoveragePercent { get; init; }

    public RagStatus? Rag { get; init; }

    /// <summary>Days behind of the asset longest behind; 0 when none is outdated.</summary>
    public int MaxDaysBehind { get; init; }

    /// <summary>Mean of outdated assets' whole days behind, one decimal; 0 when none is outdated.</summary>
    public double AvgDaysBehind { get; init; }

    /// <summary>Mean versions behind of outdated assets, one decimal.</summary>
    public double AvgVersionsBehind { get; init; }

    public static DriftSummary From(DriftCounters counters, DateTimeOffset now, RagThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(thresholds);
        var coverage = counters.Total == 0 ? (double?)null : 100.0 * counters.Compliant / counters.Total;
        var seconds = now.ToUnixTimeSeconds();
        var outdated = counters.Outdated;
        return new DriftSummary
        {
            Total = counters.Total,
            Compliant = counters.Compliant,
            Outdated = outdated,
            Ahead = counters.Ahead,
            Unknown = counters.Unknown,
            CoveragePercent = coverage is { } c ? Math.Round(c, 1, MidpointRounding.AwayFromZero) : null,
            Rag = coverage is { } p ? thresholds.Classify(p) : null,
            MaxDaysBehind = counters.OldestSince is { } oldest ? (int)Math.Max(0, (seconds - oldest) / 86_400) : 0,
            AvgDaysBehind = outdated == 0 ? 0 : Math.Round((double)counters.SinceCounts.Sum(s => s.Value * Math.Max(0, (seconds - s.Key) / 86_400)) / outdated, 1, MidpointRounding.AwayFromZero),
            AvgVersionsBehind = outdated == 0 ? 0 : Math.Round((double)counters.VersionsBehindSum / outdated, 1, MidpointRounding.AwayFromZero),
        };
    }
}
