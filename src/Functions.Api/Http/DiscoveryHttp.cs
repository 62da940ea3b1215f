using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Discovery;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the discovery API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class DiscoveryHttp(ApiPipeline api)
{
    [Function(nameof(DiscoveryFunctions.StartSweepAsync))]
    public Task<IActionResult> StartSweepAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DiscoverySweeps)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DiscoveryFunctions.ListRunsAsync))]
    public Task<IActionResult> ListRunsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DiscoveryRuns)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DiscoveryFunctions.GetRunAsync))]
    public Task<IActionResult> GetRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DiscoveryRun)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DiscoveryFunctions.ListDeadLettersAsync))]
    public Task<IActionResult> ListDeadLettersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DiscoveryDeadLetters)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
