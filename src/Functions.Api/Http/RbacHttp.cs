using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Rbac;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the role bindings API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class RbacHttp(ApiPipeline api)
{
    [Function(nameof(RbacFunctions.ListRoles))]
    public Task<IActionResult> ListRoles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RbacRoles)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RbacFunctions.GetMe))]
    public Task<IActionResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RbacMe)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RbacFunctions.ListRoleBindingsAsync))]
    public Task<IActionResult> ListRoleBindingsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RbacBindings)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RbacFunctions.CreateRoleBindingAsync))]
    public Task<IActionResult> CreateRoleBindingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RbacBindings)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RbacFunctions.GetRoleBindingAsync))]
    public Task<IActionResult> GetRoleBindingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RbacBinding)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(RbacFunctions.DeleteRoleBindingAsync))]
    public Task<IActionResult> DeleteRoleBindingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.RbacBinding)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
