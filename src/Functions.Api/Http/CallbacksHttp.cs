using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Callbacks;

namespace Qlrf.Functions.Api;

/// <summary>
/// Azure glue: the approval callbacks (Slack, Teams, signed links), each forwarded to its shared endpoint by
/// <see cref="ApiPipeline"/>, which authenticates the caller as the local host does. The durable client raises the
/// decision to the waiting orchestration.
/// </summary>
internal sealed class CallbacksHttp(ApiPipeline api)
{
    [Function(nameof(SlackCallbackFunctions.SlackCallbackAsync))]
    public Task<IActionResult> SlackCallbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SlackCallback)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(TeamsCallbackFunctions.TeamsCallbackAsync))]
    public Task<IActionResult> TeamsCallbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.TeamsCallback)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ApprovalLinkFunctions.ShowApprovalLinkAsync))]
    public Task<IActionResult> ShowApprovalLinkAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ApprovalLink)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ApprovalLinkFunctions.DecideByApprovalLinkAsync))]
    public Task<IActionResult> DecideByApprovalLinkAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ApprovalLink)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
