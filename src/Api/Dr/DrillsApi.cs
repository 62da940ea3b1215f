using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Dr;

public static class DrillsApi
{
    public static IEndpointRouteBuilder MapDrillsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.DrDrills, async (DrillsFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.StartAsync(await JsonBody.ReadAsync<StartDrillRequest>(r, ct), r, ct))
            .WithName("StartDrill")
            .WithTags("DR")
            .WithSummary("Starts a drill of a pair: test_failover or planned_failover, optionally a dry run (pre-check only). An Idempotency-Key header makes a retry return the same drill.")
            .RequirePermission(Permission.TriggerDrill)
            .Accepts<StartDrillRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.DrDrills, (DrillsFunctions f, HttpRequest r, CancellationToken ct) => f.ListAsync(r.Query, ct))
            .WithName("ListDrills")
            .WithTags("DR")
            .WithSummary("Lists drills, newest first.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(new QueryParameter("pairId", "Only this pair's drills."))
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapGet(Routes.DrDrill, (DrillsFunctions f, string id, CancellationToken ct) => f.GetAsync(id, ct))
            .WithName("GetDrill")
            .WithTags("DR")
            .WithSummary("Shows a drill: status, phase and elapsed time while it runs; outcome, RTO and RPO once finished.")
            .RequirePermission(Permission.ReadDashboard)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.DrDrillReport, (DrillsFunctions f, string id, HttpRequest r, CancellationToken ct) => f.GetReportAsync(id, r, ct))
            .WithName("GetDrillReport")
            .WithTags("DR")
            .WithSummary("A finished drill's report: JSON, or Markdown for auditors (Accept: text/markdown or ?format=markdown).")
            .RequirePermission(Permission.ExportReports)
            .WithQuery(new QueryParameter("format", "json (default) or markdown."))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        MapDecision(app, Routes.DrDrillApprove, "ApproveDrill", "Approves a drill (approve:tasks in the pair's environment; never one's own).", (f, id, b, h, ct) => f.ApproveAsync(id, b, h, ct));
        MapDecision(app, Routes.DrDrillReject, "RejectDrill", "Rejects a drill waiting for approval; nothing is changed.", (f, id, b, h, ct) => f.RejectAsync(id, b, h, ct));
        MapControl(app, Routes.DrDrillPause, "PauseDrill", "Pauses a drill at its next safe point (between phases).", (f, id, b, ct) => f.PauseAsync(id, b, ct));
        MapControl(app, Routes.DrDrillResume, "ResumeDrill", "Resumes a paused drill.", (f, id, b, ct) => f.ResumeAsync(id, b, ct));
        MapControl(app, Routes.DrDrillCancel, "CancelDrill", "Cancels a drill at its next safe point; after failover, it fails back first.", (f, id, b, ct) => f.CancelAsync(id, b, ct));
        return app;
    }

    private static void MapDecision(
        IEndpointRouteBuilder app, string route, string name, string summary,
        Func<DrillControlFunctions, string, DrillDecisionRequest?, HttpContext, CancellationToken, Task<Microsoft.AspNetCore.Http.HttpResults.Ok<DrillApprovalResource>>> decide) =>
        app.MapPost(route, async (DrillControlFunctions f, string id, HttpContext h, CancellationToken ct) =>
                await decide(f, id, await JsonBody.ReadAsync<DrillDecisionRequest>(h.Request, ct), h, ct))
            .WithName(name)
            .WithTags("DR")
            .WithSummary(summary)
            .RequirePermission(Permission.ApproveTasks, scopedInHandler: true)
            .Accepts<DrillDecisionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static void MapControl(
        IEndpointRouteBuilder app, string route, string name, string summary,
        Func<DrillControlFunctions, string, DrillControlRequest?, CancellationToken, Task<Microsoft.AspNetCore.Http.HttpResults.Accepted<DrillResource>>> signal) =>
        app.MapPost(route, async (DrillControlFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await signal(f, id, await JsonBody.ReadAsync<DrillControlRequest>(r, ct), ct))
            .WithName(name)
            .WithTags("DR")
            .WithSummary(summary)
            .RequirePermission(Permission.TriggerDrill)
            .Accepts<DrillControlRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
