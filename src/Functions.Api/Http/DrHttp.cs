using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the DR API (pairs, readiness, drills), each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class DrHttp(ApiPipeline api)
{
    [Function("ListDrPairs")]
    public Task<IActionResult> ListDrPairs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrPairs)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("CreateDrPair")]
    public Task<IActionResult> CreateDrPair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrPairs)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetDrPair")]
    public Task<IActionResult> GetDrPair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrPair)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("UpdateDrPair")]
    public Task<IActionResult> UpdateDrPair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.DrPair)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("DeleteDrPair")]
    public Task<IActionResult> DeleteDrPair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.DrPair)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetDrPairReadiness")]
    public Task<IActionResult> GetDrPairReadiness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrPairReadiness)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetDrReadiness")]
    public Task<IActionResult> GetDrReadiness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrReadiness)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("StartDrill")]
    public Task<IActionResult> StartDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrDrills)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ListDrills")]
    public Task<IActionResult> ListDrills(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrDrills)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetDrill")]
    public Task<IActionResult> GetDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrDrill)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetDrillReport")]
    public Task<IActionResult> GetDrillReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DrDrillReport)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ApproveDrill")]
    public Task<IActionResult> ApproveDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrDrillApprove)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("RejectDrill")]
    public Task<IActionResult> RejectDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrDrillReject)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("PauseDrill")]
    public Task<IActionResult> PauseDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrDrillPause)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ResumeDrill")]
    public Task<IActionResult> ResumeDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrDrillResume)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("CancelDrill")]
    public Task<IActionResult> CancelDrill(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DrDrillCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
