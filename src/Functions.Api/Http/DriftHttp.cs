using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Drift;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the drift API, each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class DriftHttp(ApiPipeline api)
{
    [Function(nameof(DriftReadFunctions.GetReportAsync))]
    public Task<IActionResult> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Drift)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReadFunctions.GetHeatmapAsync))]
    public Task<IActionResult> GetHeatmapAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DriftHeatmap)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReadFunctions.ListOutdatedAsync))]
    public Task<IActionResult> ListOutdatedAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DriftOutdated)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReportFunctions.ExportOutdatedAsync))]
    public Task<IActionResult> ExportOutdatedAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DriftOutdatedExport)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReadFunctions.GetAssetDriftAsync))]
    public Task<IActionResult> GetAssetDriftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DriftAsset)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReportFunctions.GetTrendsAsync))]
    public Task<IActionResult> GetTrendsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DriftTrends)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReportFunctions.TakeSnapshotAsync))]
    public Task<IActionResult> TakeSnapshotAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DriftSnapshots)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReportFunctions.GetThresholdsAsync))]
    public Task<IActionResult> GetThresholdsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DriftThresholds)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(DriftReportFunctions.SetThresholdsAsync))]
    public Task<IActionResult> SetThresholdsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.DriftThresholds)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
