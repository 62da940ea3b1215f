using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Api.Ai;
using Qlrf.Api.ApiKeys;
using Qlrf.Api.Assets;
using Qlrf.Api.Audit;
using Qlrf.Api.Certificates;
using Qlrf.Api.Compliance;
using Qlrf.Api.Secrets;
using Qlrf.Api.Callbacks;
using Qlrf.Api.Discovery;
using Qlrf.Api.Dr;
using Qlrf.Api.Drift;
using Qlrf.Api.Health;
using Qlrf.Api.Images;
using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rbac;
using Qlrf.Api.Rollouts;
using Qlrf.Identity;
using Qlrf.Api.Orchestrations;
using Qlrf.Api.Ui;
using Qlrf.Json;

namespace Qlrf.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP API's functions, JSON conventions, ProblemDetails and the OpenAPI document, with
    /// identity (<see cref="IdentityServiceCollectionExtensions.AddQlrfIdentity"/>), request limits
    /// (<c>Qlrf:Api:Limits</c>) and rate limits (<c>Qlrf:Api:RateLimits</c>).
    /// </summary>
    public static IHostApplicationBuilder AddQlrfApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddQlrfIdentity();
        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        ApiRateLimiting.Add(services);
        services.ConfigureHttpJsonOptions(o => QlrfJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddOperationTransformer<QueryParameterTransformer>().AddOperationTransformer<PermissionTransformer>());
        services.AddScoped<RequestContext>();
        services.AddScoped<AssetsFunctions>();
        services.AddScoped<DiscoveryFunctions>();
        services.AddScoped<HealthFunctions>();
        services.AddScoped<ImagesFunctions>();
        services.AddScoped<ImageLineageFunctions>();
        services.AddScoped<ImageEvidenceFunctions>();
        services.AddScoped<DriftReadFunctions>();
        services.AddScoped<DriftReportFunctions>();
        services.AddScoped<RbacFunctions>();
        services.AddScoped<ApiKeysFunctions>();
        services.AddScoped<AuditFunctions>();
        services.AddScoped<SourceSweeps>();
        services.AddScoped<OrchestrationsFunctions>();
        services.AddScoped<RolloutRequestReader>();
        services.AddScoped<RolloutsFunctions>();
        services.AddScoped<RolloutPlanFunctions>();
        services.AddScoped<RolloutControlFunctions>();
        services.AddScoped<PolicyExceptionsFunctions>();
        services.AddSingleton<ChannelDecisions>();
        services.AddScoped<SlackCallbackFunctions>();
        services.AddScoped<TeamsCallbackFunctions>();
        services.AddScoped<ApprovalLinkFunctions>();
        services.AddScoped<DrPairsFunctions>();
        services.AddScoped<DrReadinessFunctions>();
        services.AddScoped<DrillsFunctions>();
        services.AddScoped<DrillControlFunctions>();
        services.AddOptions<UiSignInOptions>().BindConfiguration(UiSignInOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UiSignInOptions>, UiSignInOptionsValidator>();
        services.AddScoped<UiConfigFunctions>();
        services.AddScoped<CertificatesFunctions>();
        services.AddScoped<Rotations.RotationControl>();
        services.AddScoped<CertificateRotationsFunctions>();
        services.AddScoped<SecretsFunctions>();
        services.AddScoped<SecretRotationsFunctions>();
        services.AddScoped<AiFunctions>();
        services.AddScoped<ComplianceFunctions>();
        services.AddScoped<EvidencePacksFunctions>();
        return builder;
    }

    /// <summary>
    /// The local host's API: <see cref="UseQlrfApiMiddleware"/> then <see cref="MapQlrfEndpoints"/> on the app
    /// (which routes before the middleware). The Azure Functions app runs the same two in its own pipeline.
    /// </summary>
    public static WebApplication MapQlrfApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseQlrfApiMiddleware();
        app.MapQlrfEndpoints();
        return app;
    }

    /// <summary>
    /// The API's middleware, outermost first, to run after routing: the audit entry (which sees the final
    /// status), ProblemDetails for errors, the body size limit, sign-in (except on
    /// self-authenticated endpoints), rate limits, the access gate (401, 403,
    /// and the request's organisation), and route values (percent-decoded, then checked).
    /// </summary>
    public static IApplicationBuilder UseQlrfApiMiddleware(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AuditMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        // Chat callbacks and approval links authenticate callers themselves; a Bot Framework token is not ours to check.
        app.UseWhen(c => c.GetEndpoint()?.Metadata.GetMetadata<SelfAuthenticated>() is null, b => b.UseAuthentication());
        app.UseRateLimiter();
        app.UseMiddleware<AccessGateMiddleware>();
        app.UseMiddleware<RouteValuesMiddleware>();
        return app;
    }

    /// <summary>
    /// Maps every endpoint of the API, each named (<c>WithName</c>) after its function: the route table both hosts
    /// share, and from which the Azure glue's coverage is checked.
    /// </summary>
    public static IEndpointRouteBuilder MapQlrfEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/" + Routes.OpenApiDocument).WithName(nameof(Routes.OpenApiDocument)).WithMetadata(new PublicEndpoint());
        app.MapHealthApi();
        app.MapAssetsApi();
        app.MapDiscoveryApi();
        app.MapImagesApi();
        app.MapImageEvidenceApi();
        app.MapDriftApi();
        app.MapRbacApi();
        app.MapApiKeysApi();
        app.MapAuditApi();
        app.MapOrchestrationsApi();
        app.MapRolloutsApi();
        app.MapCallbacksApi();
        app.MapDrPairsApi();
        app.MapDrillsApi();
        app.MapUiConfigApi();
        app.MapCertificatesApi();
        app.MapSecretsApi();
        app.MapAiApi();
        app.MapComplianceApi();
        app.MapEvidencePacksApi();
        return app;
    }
}
