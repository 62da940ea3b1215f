using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Images;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the image registry and lineage API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class ImagesHttp(ApiPipeline api)
{
    [Function(nameof(ImagesFunctions.ListFamiliesAsync))]
    public Task<IActionResult> ListFamiliesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageFamilies)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImagesFunctions.CreateFamilyAsync))]
    public Task<IActionResult> CreateFamilyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageFamilies)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImagesFunctions.GetFamilyAsync))]
    public Task<IActionResult> GetFamilyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageFamily)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImagesFunctions.RegisterVersionAsync))]
    public Task<IActionResult> RegisterVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageFamilyVersions)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageLineageFunctions.GetFamilyTreeAsync))]
    public Task<IActionResult> GetFamilyTreeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageFamilyLineageTree)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImagesFunctions.GetVersionAsync))]
    public Task<IActionResult> GetVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Image)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImagesFunctions.TransitionAsync))]
    public Task<IActionResult> TransitionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageTransitions)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageLineageFunctions.GetLineageAsync))]
    public Task<IActionResult> GetLineageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ImageLineage)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ImageLineageFunctions.AddParentAsync))]
    public Task<IActionResult> AddParentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ImageLineageParents)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
