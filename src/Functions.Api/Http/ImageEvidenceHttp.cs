using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Images;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the image evidence (scans, SBOMs, builds, deployments) API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class ImageEvidenceHttp(ApiPipeline api)
{
    [Function(nameof(ImageEvidenceFunctions.ImportScanAsync))]
    public Task<IActionResult> ImportScanAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageVulnerabilities)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.GetVulnerabilitiesAsync))]
    public Task<IActionResult> GetVulnerabilitiesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageVulnerabilities)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.DiffVulnerabilitiesAsync))]
    public Task<IActionResult> DiffVulnerabilitiesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageVulnerabilitiesDiff)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.ImportSbomAsync))]
    public Task<IActionResult> ImportSbomAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageSbom)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.GetSbomAsync))]
    public Task<IActionResult> GetSbomAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageSbom)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.ListComponentsAsync))]
    public Task<IActionResult> ListComponentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageComponents)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.DiffComponentsAsync))]
    public Task<IActionResult> DiffComponentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageComponentsDiff)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.AddBuildAsync))]
    public Task<IActionResult> AddBuildAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageBuilds)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.ListBuildsAsync))]
    public Task<IActionResult> ListBuildsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageBuilds)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageEvidenceFunctions.ListDeploymentsAsync))]
    public Task<IActionResult> ListDeploymentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageDeployments)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
