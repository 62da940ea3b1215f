using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Orchestrations;

public static class OrchestrationsApi
{
    public static IEndpointRouteBuilder MapOrchestrationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminOrchestration, (OrchestrationsFunctions f, string id, CancellationToken ct) => f.GetAsync(id, ct))
            .WithName(nameof(OrchestrationsFunctions.GetAsync))
            .WithTags("Administration")
            .WithSummary("Shows an orchestration instance: status, payloads, failure, and a summary of its history.")
            .RequirePermission(Permission.AdministerRuntime)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.AdminOrchestrationTerminate, async (OrchestrationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.TerminateAsync(id, await JsonBody.ReadAsync<TerminateRequest>(r, ct), ct))
            .WithName(nameof(OrchestrationsFunctions.TerminateAsync))
            .WithTags("Administration")
            .WithSummary("Terminates a pending, running or suspended instance (optionally with its sub-orchestrations).")
            .RequirePermission(Permission.AdministerRuntime)
            .Accepts<TerminateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapDelete(Routes.AdminOrchestration, (OrchestrationsFunctions f, string id, CancellationToken ct) => f.PurgeAsync(id, ct))
            .WithName(nameof(OrchestrationsFunctions.PurgeAsync))
            .WithTags("Administration")
            .WithSummary("Purges a finished instance and its history; 409 while it is still live.")
            .RequirePermission(Permission.AdministerRuntime)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
