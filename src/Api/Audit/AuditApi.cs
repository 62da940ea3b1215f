using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Audit;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Audit, (AuditFunctions f, HttpRequest r, CancellationToken ct) => f.ListAuditEntriesAsync(r.Query, ct))
            .WithName(nameof(AuditFunctions.ListAuditEntriesAsync))
            .WithTags("Audit")
            .WithSummary("Lists the organisation's audit entries, newest first, filtered and paged by cursor.")
            .RequirePermission(Permission.ReadAudit)
            .WithQuery(AuditQuery.Parameters)
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.AuditExport, (AuditFunctions f, HttpRequest r) => f.ExportAuditEntries(r.Query))
            .WithName(nameof(AuditFunctions.ExportAuditEntries))
            .WithTags("Audit")
            .WithSummary("Exports the matching audit entries as JSON Lines, oldest first.")
            .RequirePermission(Permission.ReadAudit)
            .WithQuery(AuditQuery.Parameters)
            .Produces(StatusCodes.Status200OK, contentType: AuditFunctions.JsonLines)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.AuditVerify, (AuditFunctions f, CancellationToken ct) => f.VerifyAuditAsync(ct))
            .WithName(nameof(AuditFunctions.VerifyAuditAsync))
            .WithTags("Audit")
            .WithSummary("Walks the organisation's hash chain and reports the first broken link, if any.")
            .RequirePermission(Permission.ReadAudit)
            .Produces<AuditVerification>();
        return app;
    }
}
