using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Health;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the probes API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class HealthHttp(ApiPipeline api)
{
    [Function(nameof(HealthFunctions.Healthz))]
    public Task<IActionResult> Healthz(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Healthz)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(HealthFunctions.ReadyzAsync))]
    public Task<IActionResult> ReadyzAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Readyz)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
