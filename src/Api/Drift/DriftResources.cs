using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.Api.Drift;

/// <summary>One summary group: its keys (those of its dimension), counts, coverage with RAG, and days behind.</summary>
public sealed record DriftGroupSummary(
    string? Site,
    string? Environment,
    string? Platform,
    string? Family,
    long Total,
    long Compliant,
    long Outdated,
    long Ahead,
    long Unknown,
    double? CoveragePercent,
    RagStatus? Rag,
    int MaxDaysBehind,
    double AvgDaysBehind,
    double AvgVersionsBehind)
{
    public static DriftGroupSummary From(DriftGroup group, DriftSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (site, environment, platform, family) = group.Dimension switch
        {
            DriftDimension.Environment => (null, group.Key, null, null),
            DriftDimension.Platform => (null, null, group.Key, null),
            DriftDimension.Site => (group.Key, null, null, null),
            DriftDimension.SiteEnvironment => (group.Key, group.Key2, null, null),
            DriftDimension.Family => (null, null, null, group.Key.Length == 0 ? "(none)" : group.Key),
            _ => ((string?)null, (string?)null, (string?)null, (string?)null),
        };
        return new DriftGroupSummary(site, environment, platform, family, s.Total, s.Compliant, s.Outdated, s.Ahead, s.Unknown,
            s.CoveragePercent, s.Rag, s.MaxDaysBehind, s.AvgDaysBehind, s.AvgVersionsBehind);
    }
}

/// <summary>The organisation's drift: the whole, and each environment, platform, site, site × environment and family.</summary>
public sealed record DriftReport(
    DateTimeOffset AsOf,
    RagThresholds Thresholds,
    DriftGroupSummary Organisation,
    IReadOnlyList<DriftGroupSummary> Environments,
    IReadOnlyList<DriftGroupSummary> Platforms,
    IReadOnlyList<DriftGroupSummary> Sites,
    IReadOnlyList<DriftGroupSummary> SiteEnvironments,
    IReadOnlyList<DriftGroupSummary> Families);

/// <summary>The site × environment matrix: one row per site, one cell per environment (null where the site has none).</summary>
public sealed record DriftHeatmap(DateTimeOffset AsOf, RagThresholds Thresholds, IReadOnlyList<string> Environments, IReadOnlyList<HeatmapRow> Rows);

public sealed record HeatmapRow(string Site, IReadOnlyList<HeatmapCell?> Cells);

public sealed record HeatmapCell(
    string Environment,
    long Total,
    long Compliant,
    long Outdated,
    long Ahead,
    long Unknown,
    double? CoveragePercent,
    RagStatus? Rag,
    int MaxDaysBehind);

/// <summary>An asset's drift as the API shows it, with days behind as of the request.</summary>
public sealed record AssetDriftResource(
    string AssetId,
    string Name,
    Platform Platform,
    string Site,
    string Environment,
    string? Family,
    string? Version,
    DriftStatus Status,
    UnknownReason? Reason,
    string? ProductionVersion,
    int VersionsBehind,
    int DaysBehind,
    DateTimeOffset? OutdatedSince)
{
    public static AssetDriftResource From(AssetDrift d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new AssetDriftResource(d.AssetId, d.Name, d.Platform, d.Site, d.Environment, d.Family, d.Version, d.Status, d.Reason,
            d.ProductionVersion, d.VersionsBehind, d.DaysBehind(now), d.OutdatedSince is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null);
    }
}

/// <summary>An organisation's RAG thresholds, and whether they are its own or the defaults.</summary>
public sealed record ThresholdsResource(double RedBelow, double AmberBelow, string Source);

/// <summary>Body of <c>PUT /api/v1/drift/thresholds</c>.</summary>
public sealed record ThresholdsRequest(double? RedBelow, double? AmberBelow);

/// <summary>A snapshot taken on demand.</summary>
public sealed record SnapshotResource(string Id, DateTimeOffset TakenAt, SnapshotTrigger Trigger, int Groups, DriftGroupSummary? Organisation);

/// <summary>Trends over [from, to] grouped by one dimension, each series with its week-over-week change.</summary>
public sealed record TrendsResource(DateTimeOffset From, DateTimeOffset To, DriftDimension GroupBy, int Snapshots, IReadOnlyList<TrendSeriesResource> Series);

public sealed record TrendSeriesResource(string? Site, string? Environment, string? Platform, string? Family, IReadOnlyList<TrendPointResource> Points, WeekOverWeek? WeekOverWeek)
{
    public static TrendSeriesResource From(TrendSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var keys = DriftGroupSummary.From(series.Group, new DriftSummary { Total = 0, Compliant = 0, Outdated = 0, Ahead = 0, Unknown = 0 });
        return new TrendSeriesResource(keys.Site, keys.Environment, keys.Platform, keys.Family,
            series.Points.Select(p => new TrendPointResource(p.At, p.Trigger, p.Summary.Total, p.Summary.Compliant, p.Summary.Outdated, p.Summary.Ahead, p.Summary.Unknown,
                p.Summary.CoveragePercent, p.Summary.Rag, p.Summary.MaxDaysBehind, p.Summary.AvgDaysBehind)).ToList(),
            series.WeekOverWeek);
    }
}

public sealed record TrendPointResource(
    DateTimeOffset At,
    SnapshotTrigger Trigger,
    long Total,
    long Compliant,
    long Outdated,
    long Ahead,
    long Unknown,
    double? CoveragePercent,
    RagStatus? Rag,
    int MaxDaysBehind,
    double AvgDaysBehind);
