using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Compliance;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of evidence packs, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class EvidencePacksHttp(ApiPipeline api)
{
    [Function(nameof(EvidencePacksFunctions.CreateEvidencePackAsync))]
    public Task<IActionResult> CreateEvidencePack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.EvidencePacks)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(EvidencePacksFunctions.ListEvidencePacksAsync))]
    public Task<IActionResult> ListEvidencePacks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EvidencePacks)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(EvidencePacksFunctions.GetEvidencePackAsync))]
    public Task<IActionResult> GetEvidencePack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EvidencePack)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(EvidencePacksFunctions.DownloadEvidencePackAsync))]
    public Task<IActionResult> DownloadEvidencePack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EvidencePackContent)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(EvidencePacksFunctions.VerifyEvidencePackAsync))]
    public Task<IActionResult> VerifyEvidencePack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EvidencePackVerify)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
