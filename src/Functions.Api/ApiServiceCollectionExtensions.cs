using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Functions.Api.Assets;
using Qlrf.Functions.Api.Discovery;
using Qlrf.Functions.Api.Health;
using Qlrf.Functions.Api.Infrastructure;
using Qlrf.Functions.Api.Orchestrations;
using Qlrf.Json;
using Qlrf.Tenancy;

namespace Qlrf.Functions.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Registers the HTTP API's functions, JSON conventions, ProblemDetails and the OpenAPI document.</summary>
    public static IHostApplicationBuilder AddQlrfApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTenancyOptions();
        services.ConfigureHttpJsonOptions(o => QlrfJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddOperationTransformer<QueryParameterTransformer>());
        services.AddScoped<RequestContext>();
        services.AddScoped<AssetsFunctions>();
        services.AddScoped<DiscoveryFunctions>();
        services.AddScoped<HealthFunctions>();
        services.AddScoped<OrchestrationsFunctions>();
        return builder;
    }

    /// <summary>Maps every endpoint of the API, with its middleware, onto the app.</summary>
    public static WebApplication MapQlrfApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(ResolveOrganisation);
        app.MapOpenApi("/openapi/{documentName}.json").WithMetadata(new PublicEndpoint());
        app.MapHealthApi();
        app.MapAssetsApi();
        app.MapDiscoveryApi();
        app.MapOrchestrationsApi();
        return app;
    }

    /// <summary>Scopes the request to an organisation. Until identity resolves it from the caller, that is the default organisation.</summary>
    private static Task ResolveOrganisation(HttpContext context, RequestDelegate next)
    {
        var tenancy = context.RequestServices.GetRequiredService<IOptions<TenancyOptions>>().Value;
        context.RequestServices.GetRequiredService<RequestContext>().Organisation = tenancy.DefaultOrganisation;
        return next(context);
    }
}
