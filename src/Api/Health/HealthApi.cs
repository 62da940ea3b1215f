using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;

namespace Qlrf.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Healthz, HealthFunctions.Healthz)
            .WithName(nameof(HealthFunctions.Healthz))
            .WithTags("Health")
            .Public();
        app.MapGet(Routes.Readyz, (HealthFunctions f, CancellationToken ct) => f.ReadyzAsync(ct))
            .WithName(nameof(HealthFunctions.ReadyzAsync))
            .WithTags("Health")
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .Public();
        return app;
    }
}
