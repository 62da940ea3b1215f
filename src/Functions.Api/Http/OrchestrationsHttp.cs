using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Orchestrations;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the orchestration administration API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class OrchestrationsHttp(ApiPipeline api)
{
    [Function(nameof(OrchestrationsFunctions.GetAsync))]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminOrchestration)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(OrchestrationsFunctions.TerminateAsync))]
    public Task<IActionResult> TerminateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminOrchestrationTerminate)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(OrchestrationsFunctions.PurgeAsync))]
    public Task<IActionResult> PurgeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AdminOrchestration)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
