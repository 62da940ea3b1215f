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
    [Function(nameof(ComplianceFunctions.ListComplianceFrameworks))]
    public Task<IActionResult> ListFrameworksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceFrameworks)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ComplianceFunctions.GetComplianceSummaryAsync))]
    public Task<IActionResult> GetComplianceSummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceSummary)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ComplianceFunctions.GetComplianceControlAsync))]
    public Task<IActionResult> GetComplianceControlAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceControl)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(ComplianceFunctions.GetComplianceTrendsAsync))]
    public Task<IActionResult> GetComplianceTrendsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComplianceTrends)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
