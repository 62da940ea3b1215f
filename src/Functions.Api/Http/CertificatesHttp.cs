using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Certificates;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the certificates API (inventory, alerts, rotations), each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class CertificatesHttp(ApiPipeline api)
{
    [Function(nameof(CertificatesFunctions.ListCertificatesAsync))]
    public Task<IActionResult> ListCertificates(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Certificates)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.GetCertificateSummaryAsync))]
    public Task<IActionResult> GetCertificateSummary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CertificatesSummary)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.ListCertificateAlertsAsync))]
    public Task<IActionResult> ListCertificateAlerts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CertificateAlerts)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.AcknowledgeCertificateAlertAsync))]
    public Task<IActionResult> AcknowledgeCertificateAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateAlertAcknowledge)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.SweepCertificateSourceAsync))]
    public Task<IActionResult> SweepCertificateSource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateSourceSweeps)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.GetCertificateAsync))]
    public Task<IActionResult> GetCertificate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Certificate)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.GetCertificateUsageAsync))]
    public Task<IActionResult> GetCertificateUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CertificateUsage)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificatesFunctions.GetCertificateHistoryAsync))]
    public Task<IActionResult> GetCertificateHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CertificateHistory)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.ListCertificateRotationsAsync))]
    public Task<IActionResult> ListCertificateRotations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CertificateRotations)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.StartCertificateRotationAsync))]
    public Task<IActionResult> StartCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateRotations)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.GetCertificateRotationAsync))]
    public Task<IActionResult> GetCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CertificateRotation)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.ApproveCertificateRotationAsync))]
    public Task<IActionResult> ApproveCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateRotationApprove)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.RejectCertificateRotationAsync))]
    public Task<IActionResult> RejectCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateRotationReject)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.PauseCertificateRotationAsync))]
    public Task<IActionResult> PauseCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateRotationPause)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.ResumeCertificateRotationAsync))]
    public Task<IActionResult> ResumeCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateRotationResume)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(CertificateRotationsFunctions.CancelCertificateRotationAsync))]
    public Task<IActionResult> CancelCertificateRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CertificateRotationCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
