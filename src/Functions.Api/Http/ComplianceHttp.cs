using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Compliance;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the compliance API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class ComplianceHttp(ApiPipeline api)
{
    [Function(nameof(ComplianceFunctions.ListFrameworks))]
    public Task<IActionResult> ListFrameworksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceFrameworks)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ComplianceFunctions.GetSummaryAsync))]
    public Task<IActionResult> GetSummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceSummary)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ComplianceFunctions.GetControlAsync))]
    public Task<IActionResult> GetControlAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceControl)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ComplianceFunctions.GetTrendsAsync))]
    public Task<IActionResult> GetTrendsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceTrends)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
