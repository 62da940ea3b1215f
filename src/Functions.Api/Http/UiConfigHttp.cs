using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Ui;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP trigger of the Control Tower's sign-in settings, forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class UiConfigHttp(ApiPipeline api)
{
    [Function(nameof(UiConfigFunctions.GetUiConfig))]
    public Task<IActionResult> GetUiConfig(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.UiConfig)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
