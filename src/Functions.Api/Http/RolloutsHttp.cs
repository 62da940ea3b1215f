using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Rollouts;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the rollouts API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class RolloutsHttp(ApiPipeline api)
{
    [Function(nameof(RolloutsFunctions.StartRolloutAsync))]
    public Task<IActionResult> StartRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Rollouts)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutsFunctions.ListRolloutsAsync))]
    public Task<IActionResult> ListRolloutsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Rollouts)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutsFunctions.GetRolloutAsync))]
    public Task<IActionResult> GetRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Rollout)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutPlanFunctions.PlanRolloutAsync))]
    public Task<IActionResult> PlanRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutPlan)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutPlanFunctions.ExplainRolloutAsync))]
    public Task<IActionResult> ExplainRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RolloutExplanation)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutControlFunctions.ApproveRolloutAsync))]
    public Task<IActionResult> ApproveRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutApprove)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutControlFunctions.RejectRolloutAsync))]
    public Task<IActionResult> RejectRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutReject)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutControlFunctions.PauseRolloutAsync))]
    public Task<IActionResult> PauseRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutPause)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutControlFunctions.ResumeRolloutAsync))]
    public Task<IActionResult> ResumeRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutResume)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RolloutControlFunctions.CancelRolloutAsync))]
    public Task<IActionResult> CancelRolloutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(PolicyExceptionsFunctions.ListPolicyExceptionsAsync))]
    public Task<IActionResult> ListPolicyExceptionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RolloutPolicyExceptions)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(PolicyExceptionsFunctions.GrantPolicyExceptionAsync))]
    public Task<IActionResult> GrantPolicyExceptionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RolloutPolicyExceptions)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(PolicyExceptionsFunctions.RevokePolicyExceptionAsync))]
    public Task<IActionResult> RevokePolicyExceptionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.RolloutPolicyException)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
