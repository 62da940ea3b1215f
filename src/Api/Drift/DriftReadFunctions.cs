using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Inventory;

namespace Qlrf.Api.Drift;

/// <summary>Drift's HTTP functions for reading: the summaries with RAG, the heatmap, outdated assets, one asset.</summary>
public sealed class DriftReadFunctions(IDriftStore store, Qlrf.Discovery.Drift.DriftFunctions drift, RequestContext request, TimeProvider time)
{
    public const string OutdatedListing = "drift-outdated";

    public async Task<Ok<DriftReport>> GetReportAsync(CancellationToken cancellationToken)
    {
        var (now, thresholds, summaries) = await ReadAsync(cancellationToken);
        List<DriftGroupSummary> Of(DriftDimension dimension) => summaries
            .Where(s => s.Key.Dimension == dimension)
            .OrderBy(s => s.Key.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Key2, StringComparer.Ordinal)
            .Select(s => DriftGroupSummary.From(s.Key, DriftSummary.From(s.Value, now, thresholds)))
            .ToList();

        var whole = summaries.GetValueOrDefault(DriftGroup.Organisation) ?? new DriftCounters();
        return TypedResults.Ok(new DriftReport(
            now,
            thresholds,
            DriftGroupSummary.From(DriftGroup.Organisation, DriftSummary.From(whole, now, thresholds)),
            Of(DriftDimension.Environment),
            Of(DriftDimension.Platform),
            Of(DriftDimension.Site),
            Of(DriftDimension.SiteEnvironment),
            Of(DriftDimension.Family)));
    }

    public async Task<Ok<DriftHeatmap>> GetHeatmapAsync(CancellationToken cancellationToken)
    {
        var (now, thresholds, summaries) = await ReadAsync(cancellationToken);
        var cells = summaries.Where(s => s.Key.Dimension == DriftDimension.SiteEnvironment).ToList();
        var environments = cells.Select(c => c.Key.Key2).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = cells
            .GroupBy(c => c.Key.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(site => new HeatmapRow(site.Key, environments.Select(env =>
            {
                var cell = site.FirstOrDefault(c => c.Key.Key2 == env);
                if (cell.Value is null)
                {
                    return null;
                }

                var s = DriftSummary.From(cell.Value, now, thresholds);
                return new HeatmapCell(env, s.Total, s.Compliant, s.Outdated, s.Ahead, s.Unknown, s.CoveragePercent, s.Rag, s.MaxDaysBehind);
            }).ToList()))
            .ToList();
        return TypedResults.Ok(new DriftHeatmap(now, thresholds, environments, rows));
    }

    public async Task<Ok<PageResponse<AssetDriftResource>>> ListOutdatedAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var filter = await FilterAsync(query, cancellationToken);
        var page = PageRequest.From(query, OutdatedListing);
        var result = await store.ListOutdatedAsync(request.Organisation, filter, page.Limit, page.After, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new PageResponse<AssetDriftResource>(
            result.Items.Select(d => AssetDriftResource.From(d, now)).ToList(),
            PageRequest.Next(result, OutdatedListing)));
    }

    public async Task<Ok<AssetDriftResource>> GetAssetDriftAsync(string id, CancellationToken cancellationToken)
    {
        var drift = await store.GetAssetAsync(request.Organisation, id, cancellationToken)
            ?? throw new NotFoundException($"There is no asset '{id}' in the inventory.");
        return TypedResults.Ok(AssetDriftResource.From(drift, time.GetUtcNow()));
    }

    /// <summary>Reads the outdated-asset filters, each checked against the values drift knows (an unknown family is a 400).</summary>
    internal async Task<DriftFilter> FilterAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var summaries = await store.GetSummariesAsync(request.Organisation, cancellationToken);
        HashSet<string> Known(DriftDimension dimension) =>
            summaries.Keys.Where(k => k.Dimension == dimension && k.Key.Length > 0).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);

        return new DriftFilter
        {
            Environment = Query.OneOf(query, "environment", Known(DriftDimension.Environment)),
            Site = Query.OneOf(query, "site", Known(DriftDimension.Site)),
            Platform = Query.Enum<Platform>(query, "platform"),
            Family = Query.OneOf(query, "family", Known(DriftDimension.Family)),
        };
    }

    private async Task<(DateTimeOffset Now, RagThresholds Thresholds, IReadOnlyDictionary<DriftGroup, DriftCounters> Summaries)> ReadAsync(CancellationToken cancellationToken)
    {
        var thresholds = await drift.ThresholdsAsync(request.Organisation, cancellationToken);
        var summaries = await store.GetSummariesAsync(request.Organisation, cancellationToken);
        return (time.GetUtcNow(), thresholds, summaries);
    }
}
