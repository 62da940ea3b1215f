using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;

namespace Qlrf.Api.Ui;

public static class UiConfigApi
{
    public static IEndpointRouteBuilder MapUiConfigApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.UiConfig, (UiConfigFunctions f) => f.GetUiConfig())
            .WithName(nameof(UiConfigFunctions.GetUiConfig))
            .WithTags("Control Tower")
            .WithSummary("How the Control Tower signs users in: the OpenID Connect issuer, client id and scopes when configured. Public: the sign-in page reads it.")
            .Public();
        return app;
    }
}
