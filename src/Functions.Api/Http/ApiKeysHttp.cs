using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.ApiKeys;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the API keys API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class ApiKeysHttp(ApiPipeline api)
{
    [Function(nameof(ApiKeysFunctions.CreateApiKeyAsync))]
    public Task<IActionResult> CreateApiKeyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ApiKeys)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ApiKeysFunctions.ListApiKeysAsync))]
    public Task<IActionResult> ListApiKeysAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ApiKeys)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ApiKeysFunctions.GetApiKeyAsync))]
    public Task<IActionResult> GetApiKeyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ApiKey)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ApiKeysFunctions.RevokeApiKeyAsync))]
    public Task<IActionResult> RevokeApiKeyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.ApiKey)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
