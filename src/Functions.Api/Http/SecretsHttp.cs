using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Api;
using Qlrf.Api.Secrets;

namespace Qlrf.Functions.Api;

/// <summary>Azure glue: the HTTP triggers of the secrets API (metadata-only inventory), each forwarded to its shared endpoint by <see cref="ApiPipeline"/>.</summary>
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
}
