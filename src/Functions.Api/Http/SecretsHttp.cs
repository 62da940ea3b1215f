using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Secrets;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the secrets API (metadata-only inventory, rotations), each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
internal sealed class SecretsHttp(ApiPipeline api)
{
    [Function(nameof(SecretsFunctions.ListSecretsAsync))]
    public Task<IActionResult> ListSecrets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Secrets)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretsFunctions.SweepSecretSourceAsync))]
    public Task<IActionResult> SweepSecretSource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretSourceSweeps)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretsFunctions.GetSecretAsync))]
    public Task<IActionResult> GetSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Secret)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.ListSecretRotationsAsync))]
    public Task<IActionResult> ListSecretRotations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SecretRotations)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.StartSecretRotationAsync))]
    public Task<IActionResult> StartSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretRotations)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.GetSecretRotationAsync))]
    public Task<IActionResult> GetSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SecretRotation)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.ApproveSecretRotationAsync))]
    public Task<IActionResult> ApproveSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretRotationApprove)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.RejectSecretRotationAsync))]
    public Task<IActionResult> RejectSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretRotationReject)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.PauseSecretRotationAsync))]
    public Task<IActionResult> PauseSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretRotationPause)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.ResumeSecretRotationAsync))]
    public Task<IActionResult> ResumeSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretRotationResume)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);

    [Function(nameof(SecretRotationsFunctions.CancelSecretRotationAsync))]
    public Task<IActionResult> CancelSecretRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SecretRotationCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ForwardAsync(request, durable);
}
