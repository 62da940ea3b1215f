using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Drift;
using Qlrf.Api.Infrastructure;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Security;

namespace Qlrf.Api.Drift;

public static class DriftApi
{
    private const string Tag = "Drift";

    private static readonly QueryParameter[] Filters =
    [
        new("environment", "Only this environment."),
        new("site", "Only this site."),
        new("platform", string.Join(", ", EnumText<Platform>.All)),
        new("family", "Only this image family."),
    ];

    public static IEndpointRouteBuilder MapDriftApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Drift, (DriftReadFunctions f, CancellationToken ct) => f.GetReportAsync(ct))
            .WithName(nameof(DriftReadFunctions.GetReportAsync))
            .WithTags(Tag)
            .WithSummary("The drift summaries with RAG: the organisation, and each environment, platform, site, site × environment and family.")
            .RequirePermission(Permission.ReadDrift);

        app.MapGet(Routes.DriftHeatmap, (DriftReadFunctions f, CancellationToken ct) => f.GetHeatmapAsync(ct))
            .WithName(nameof(DriftReadFunctions.GetHeatmapAsync))
            .WithTags(Tag)
            .WithSummary("The site × environment matrix of coverage with RAG.")
            .RequirePermission(Permission.ReadDrift);

        app.MapGet(Routes.DriftOutdated, (DriftReadFunctions f, HttpRequest r, CancellationToken ct) => f.ListOutdatedAsync(r.Query, ct))
            .WithName(nameof(DriftReadFunctions.ListOutdatedAsync))
            .WithTags(Tag)
            .WithSummary("Outdated assets, longest behind first, filtered and paged by cursor.")
            .RequirePermission(Permission.ReadDrift)
            .WithQuery(Filters)
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.DriftOutdatedExport, (DriftReportFunctions f, HttpRequest r, CancellationToken ct) => f.ExportOutdatedAsync(r.Query, ct))
            .WithName(nameof(DriftReportFunctions.ExportOutdatedAsync))
            .WithTags(Tag)
            .WithSummary("Every outdated asset as CSV, longest behind first, with the same filters.")
            .RequirePermission(Permission.ExportReports)
            .WithQuery(Filters)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.DriftAsset, (DriftReadFunctions f, string id, CancellationToken ct) => f.GetAssetDriftAsync(id, ct))
            .WithName(nameof(DriftReadFunctions.GetAssetDriftAsync))
            .WithTags(Tag)
            .WithSummary("One asset's drift: status (or why it is unknown), production version, versions and days behind.")
            .RequirePermission(Permission.ReadDrift)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.DriftTrends, (DriftReportFunctions f, HttpRequest r, CancellationToken ct) => f.GetTrendsAsync(r.Query, ct))
            .WithName(nameof(DriftReportFunctions.GetTrendsAsync))
            .WithTags(Tag)
            .WithSummary("Snapshots over time per group, with week-over-week change.")
            .RequirePermission(Permission.ReadDrift)
            .WithQuery(
                new("from", $"ISO 8601 date or date and time (default: {DriftReportFunctions.DefaultTrendDays} days before to)."),
                new("to", "ISO 8601 date (the whole day) or date and time (default: now)."),
                new("groupBy", string.Join(", ", EnumText<DriftDimension>.All) + " (default organisation)."))
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost(Routes.DriftSnapshots, (DriftReportFunctions f, CancellationToken ct) => f.TakeSnapshotAsync(ct))
            .WithName(nameof(DriftReportFunctions.TakeSnapshotAsync))
            .WithTags(Tag)
            .WithSummary("Takes a snapshot of the summaries now (daily snapshots are taken on schedule).")
            .RequirePermission(Permission.ExportReports);

        app.MapGet(Routes.DriftThresholds, (DriftReportFunctions f, CancellationToken ct) => f.GetThresholdsAsync(ct))
            .WithName(nameof(DriftReportFunctions.GetThresholdsAsync))
            .WithTags(Tag)
            .WithSummary("The organisation's RAG thresholds (its own, or the defaults).")
            .RequirePermission(Permission.ReadDrift);

        app.MapPut(Routes.DriftThresholds, async (DriftReportFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.SetThresholdsAsync(await JsonBody.ReadAsync<ThresholdsRequest>(r, ct), ct))
            .WithName(nameof(DriftReportFunctions.SetThresholdsAsync))
            .WithTags(Tag)
            .WithSummary("Sets the organisation's RAG thresholds: red below redBelow, amber below amberBelow, green at or above.")
            .RequirePermission(Permission.ManageImages)
            .Accepts<ThresholdsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
