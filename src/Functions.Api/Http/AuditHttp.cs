using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Audit;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the audit log API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class AuditHttp(ApiPipeline api)
{
    [Function(nameof(AuditFunctions.ListAuditEntriesAsync))]
    public Task<IActionResult> ListAuditEntriesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Audit)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(AuditFunctions.ExportAuditEntries))]
    public Task<IActionResult> ExportAuditEntries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AuditExport)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(AuditFunctions.VerifyAuditAsync))]
    public Task<IActionResult> VerifyAuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AuditVerify)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
