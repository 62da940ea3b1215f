using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Dr;

public static class DrPairsApi
{
    public static IEndpointRouteBuilder MapDrPairsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.DrPairs, (DrPairsFunctions f, HttpRequest r, CancellationToken ct) => f.ListAsync(r.Query, ct))
            .WithName("ListDrPairs")
            .WithTags("DR")
            .WithSummary("Lists the DR pairs, with each one's next scheduled drill.")
            .RequirePermission(Permission.ReadDashboard)
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapPost(Routes.DrPairs, async (DrPairsFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.CreateAsync(await JsonBody.ReadAsync<DrPairRequest>(r, ct), ct))
            .WithName("CreateDrPair")
            .WithTags("DR")
            .WithSummary("Creates a DR pair: sites, workloads (asset ids or tags), replication, RTO and RPO targets, policy and drill schedule.")
            .RequirePermission(Permission.TriggerDrill)
            .Accepts<DrPairRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.DrPair, (DrPairsFunctions f, string id, HttpResponse r, CancellationToken ct) => f.GetAsync(id, r, ct))
            .WithName("GetDrPair")
            .WithTags("DR")
            .WithSummary("Gets a DR pair (its ETag in the header).")
            .RequirePermission(Permission.ReadDashboard)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPut(Routes.DrPair, async (DrPairsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.UpdateAsync(id, await JsonBody.ReadAsync<DrPairRequest>(r, ct), r, ct))
            .WithName("UpdateDrPair")
            .WithTags("DR")
            .WithSummary("Replaces a DR pair; with If-Match, only if it is still that version (409 otherwise).")
            .RequirePermission(Permission.TriggerDrill)
            .Accepts<DrPairRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapDelete(Routes.DrPair, (DrPairsFunctions f, string id, CancellationToken ct) => f.DeleteAsync(id, ct))
            .WithName("DeleteDrPair")
            .WithTags("DR")
            .WithSummary("Deletes a DR pair and its schedule (its drills and reports stay); 409 while a drill of it runs.")
            .RequirePermission(Permission.TriggerDrill)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.DrPairReadiness, (DrReadinessFunctions f, string id, CancellationToken ct) => f.GetPairAsync(id, ct))
            .WithName("GetDrPairReadiness")
            .WithTags("DR")
            .WithSummary("A pair's readiness: red, amber or green, with the reason for each check.")
            .RequirePermission(Permission.ReadDashboard)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.DrReadiness, (DrReadinessFunctions f, CancellationToken ct) => f.GetFleetAsync(ct))
            .WithName("GetDrReadiness")
            .WithTags("DR")
            .WithSummary("The fleet's DR readiness: every pair's, and how many are red, amber and green.")
            .RequirePermission(Permission.ReadDashboard);
        return app;
    }
}
