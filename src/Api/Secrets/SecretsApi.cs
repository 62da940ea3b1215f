using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Secrets;

public static class SecretsApi
{
    private const string Tag = "Secrets";

    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Secrets, (SecretsFunctions f, HttpRequest r, CancellationToken ct) => f.ListSecretsAsync(r.Query, ct))
            .WithName(nameof(SecretsFunctions.ListSecretsAsync))
            .WithTags(Tag)
            .WithSummary("Lists secrets by id, as metadata only (never a value), each with days to expiry and whether its rotation is overdue.")
            .RequirePermission(Permission.ReadSecrets)
            .WithQuery(new QueryParameter("store", "Only secrets of this source."))
            .WithQuery(new QueryParameter("environment", "Only secrets of this environment."))
            .WithQuery(new QueryParameter("expiringWithinDays", "Only secrets expiring within this many days (expired ones included)."))
            .WithQuery(new QueryParameter("rotationOverdue", "true: only secrets whose rotation policy's date has passed; false: only the others."))
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost(Routes.SecretSourceSweeps, (SecretsFunctions f, string id, CancellationToken ct) => f.SweepSecretSourceAsync(id, ct))
            .WithName(nameof(SecretsFunctions.SweepSecretSourceAsync))
            .WithTags(Tag)
            .WithSummary("Sweeps a secret source now (metadata only); returns the changes recorded.")
            .RequirePermission(Permission.ExecuteTasks)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.Secret, (SecretsFunctions f, string id, CancellationToken ct) => f.GetSecretAsync(id, ct))
            .WithName(nameof(SecretsFunctions.GetSecretAsync))
            .WithTags(Tag)
            .WithSummary("Gets a secret's metadata (never its value), the workloads referencing it, and its change history.")
            .RequirePermission(Permission.ReadSecrets)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
