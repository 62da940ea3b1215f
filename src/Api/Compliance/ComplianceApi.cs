using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Compliance;

public static class ComplianceApi
{
    private const string Tag = "Compliance";

    private static readonly QueryParameter Environment = new("environment", "Only objects in this environment (repeat for several); objects without one (images, the audit log, asset sources) always count.");

    public static IEndpointRouteBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.ComplianceFrameworks, (ComplianceFunctions f) => f.ListComplianceFrameworks())
            .WithName(nameof(ComplianceFunctions.ListComplianceFrameworks))
            .WithTags(Tag)
            .WithSummary("The frameworks shipped: each control with the checks that evidence it, or what the auditor needs for a manual one.")
            .RequirePermission(Permission.ReadDashboard);

        app.MapGet(Routes.ComplianceSummary, (ComplianceFunctions f, HttpRequest r, CancellationToken ct) => f.GetComplianceSummaryAsync(r.Query, ct))
            .WithName(nameof(ComplianceFunctions.GetComplianceSummaryAsync))
            .WithTags(Tag)
            .WithSummary("Per framework: passing, failing and manual controls and the score (passing of the evidenced ones), and each control's outcome.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(Environment)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.ComplianceControl, (ComplianceFunctions f, string framework, string id, HttpRequest r, CancellationToken ct) => f.GetComplianceControlAsync(framework, id, r.Query, ct))
            .WithName(nameof(ComplianceFunctions.GetComplianceControlAsync))
            .WithTags(Tag)
            .WithSummary("One control: its outcome and counts, and its failing objects with the reasons, paged by cursor.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(Environment)
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ComplianceTrends, (ComplianceFunctions f, HttpRequest r, CancellationToken ct) => f.GetComplianceTrendsAsync(r.Query, ct))
            .WithName(nameof(ComplianceFunctions.GetComplianceTrendsAsync))
            .WithTags(Tag)
            .WithSummary("A framework's daily snapshots over the last days: passing, failing, manual and score per day.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(
                new("framework", "The framework's id (required)."),
                new("days", $"How many days back, today included (default {ComplianceFunctions.DefaultTrendDays})."))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
