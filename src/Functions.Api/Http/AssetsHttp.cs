using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Assets;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the assets and sites API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class AssetsHttp(ApiPipeline api)
{
    [Function(nameof(AssetsFunctions.ListAssetsAsync))]
    public Task<IActionResult> ListAssetsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Assets)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(AssetsFunctions.GetAssetAsync))]
    public Task<IActionResult> GetAssetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Asset)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(AssetsFunctions.ListSitesAsync))]
    public Task<IActionResult> ListSitesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Sites)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
