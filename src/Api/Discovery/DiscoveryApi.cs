using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Discovery;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Discovery;

public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.DiscoverySweeps, async (DiscoveryFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.StartSweepAsync(await JsonBody.ReadAsync<StartSweepRequest>(r, ct), ct))
            .WithName(nameof(DiscoveryFunctions.StartSweepAsync))
            .WithTags("Discovery")
            .WithSummary("Starts a sweep of a source now; 409 if it is already sweeping.")
            .RequirePermission(Permission.ExecuteTasks)
            .Accepts<StartSweepRequest>("application/json")
            .Produces<SweepRun>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.DiscoveryRuns, (DiscoveryFunctions f, HttpRequest r, CancellationToken ct) => f.ListRunsAsync(r.Query, ct))
            .WithName(nameof(DiscoveryFunctions.ListRunsAsync))
            .WithTags("Discovery")
            .WithSummary("Lists sweep runs, newest first, with each source's last sweep and last successful sweep.")
            .RequirePermission(Permission.ReadAssets)
            .WithQuery(new QueryParameter("source", "Only this source's runs."))
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapGet(Routes.DiscoveryRun, (DiscoveryFunctions f, string id, CancellationToken ct) => f.GetRunAsync(id, ct))
            .WithName(nameof(DiscoveryFunctions.GetRunAsync))
            .WithTags("Discovery")
            .WithSummary("Gets one sweep run.")
            .RequirePermission(Permission.ReadAssets)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.DiscoveryDeadLetters, (DiscoveryFunctions f, HttpRequest r, CancellationToken ct) => f.ListDeadLettersAsync(r.Query, ct))
            .WithName(nameof(DiscoveryFunctions.ListDeadLettersAsync))
            .WithTags("Discovery")
            .WithSummary("Lists asset-change messages that were dead-lettered, with their last error.")
            .RequirePermission(Permission.ReadAssets)
            .WithQuery(QueryParameterExtensions.Paging);
        return app;
    }
}
