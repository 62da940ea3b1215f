using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the AI copilot's API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class AiHttp(ApiPipeline api)
{
    [Function("CreateAiTask")]
    public Task<IActionResult> CreateAiTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AiTasks)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ListAiTasks")]
    public Task<IActionResult> ListAiTasks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AiTasks)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetAiTask")]
    public Task<IActionResult> GetAiTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AiTask)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ApproveAiTask")]
    public Task<IActionResult> ApproveAiTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AiTaskApprove)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("RejectAiTask")]
    public Task<IActionResult> RejectAiTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AiTaskReject)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ListAiTools")]
    public Task<IActionResult> ListAiTools(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AiTools)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("ListAiAgents")]
    public Task<IActionResult> ListAiAgents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AiAgents)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function("GetAiUsage")]
    public Task<IActionResult> GetAiUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AiUsage)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
