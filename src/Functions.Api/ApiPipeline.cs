using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Durable.Functions;

namespace Qlrf.Functions.Api;

/// <summary>
/// Azure glue: runs an HTTP trigger's request through the same pipeline the local host serves, built once from
/// <see cref="ApiServiceCollectionExtensions.UseQlrfApiMiddleware"/> and <see cref="ApiServiceCollectionExtensions.MapQlrfEndpoints"/>:
/// routing to the shared endpoint, then audit, ProblemDetails, limits, sign-in, rate limits and the access gate.
/// The endpoint writes the response; the trigger returns an empty result. The request's durable client serves
/// <c>IOrchestrationClient</c> for the request.
/// </summary>
internal sealed class ApiPipeline
{
    private readonly RequestDelegate pipeline;

    public ApiPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseQlrfApiMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapQlrfEndpoints());
        pipeline = app.Build();
    }

    public async Task<IActionResult> ForwardAsync(HttpRequest request, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;

        // The worker matched the function's own endpoint; clear it so our routing matches the shared one.
        var functionEndpoint = context.GetEndpoint();
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        using (DurableClientScope.Use(durable))
        {
            await pipeline(context);
        }

        context.SetEndpoint(functionEndpoint);
        return new EmptyResult();
    }
}
