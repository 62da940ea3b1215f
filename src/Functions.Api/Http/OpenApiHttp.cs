using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the OpenAPI document's HTTP trigger, forwarded to the shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class OpenApiHttp(ApiPipeline api)
{
    [Function(nameof(Routes.OpenApiDocument))]
    public Task<IActionResult> OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApiDocument)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
