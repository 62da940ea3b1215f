using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rollouts;
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

        app.MapGet(Routes.SecretRotations, (SecretRotationsFunctions f, string id, CancellationToken ct) => f.ListSecretRotationsAsync(id, ct))
            .WithName(nameof(SecretRotationsFunctions.ListSecretRotationsAsync))
            .WithTags(Tag)
            .WithSummary("A secret's rotations, newest first, each with its plan, steps and outcome.")
            .RequirePermission(Permission.ReadSecrets)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.SecretRotations, async (SecretRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.StartSecretRotationAsync(id, await JsonBody.ReadAsync<StartSecretRotationBody>(r, ct), r.Headers[RolloutsFunctions.IdempotencyHeader].FirstOrDefault(), ct))
            .WithName(nameof(SecretRotationsFunctions.StartSecretRotationAsync))
            .WithTags(Tag)
            .WithSummary("Starts a rotation: plan, approval (quorum by risk; none where a policy lets the environments run unattended), a new version in the store, rolling restarts of the workloads using it, each workload's connectivity check (TCP connect or HTTP GET), rollback to the previous version newest first on failure. The same Idempotency-Key returns the same rotation.")
            .RequirePermission(Permission.RotateSecrets, scopedInHandler: true)
            .Accepts<StartSecretRotationBody>("application/json")
            .Produces<Qlrf.Secrets.SecretRotation>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.SecretRotation, (SecretRotationsFunctions f, string id, CancellationToken ct) => f.GetSecretRotationAsync(id, ct))
            .WithName(nameof(SecretRotationsFunctions.GetSecretRotationAsync))
            .WithTags(Tag)
            .WithSummary("Gets a secret rotation: its report (plan, risk, approval, new version, each workload's restart, check and rollback).")
            .RequirePermission(Permission.ReadSecrets)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.SecretRotationApprove, async (SecretRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ApproveSecretRotationAsync(id, await JsonBody.ReadAsync<DecisionBody>(r, ct), RequestId(r), ct))
            .WithName(nameof(SecretRotationsFunctions.ApproveSecretRotationAsync))
            .WithSummary("Approves the rotation's open approval (with a comment). Its requester cannot; high risk needs several people.")
            .Decision();

        app.MapPost(Routes.SecretRotationReject, async (SecretRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.RejectSecretRotationAsync(id, await JsonBody.ReadAsync<DecisionBody>(r, ct), RequestId(r), ct))
            .WithName(nameof(SecretRotationsFunctions.RejectSecretRotationAsync))
            .WithSummary("Rejects the rotation's open approval (with a comment): nothing changes.")
            .Decision();

        app.MapPost(Routes.SecretRotationPause, async (SecretRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.PauseSecretRotationAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(SecretRotationsFunctions.PauseSecretRotationAsync))
            .WithSummary("Pauses the rotation before its next wave until resumed.")
            .Control();

        app.MapPost(Routes.SecretRotationResume, async (SecretRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ResumeSecretRotationAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(SecretRotationsFunctions.ResumeSecretRotationAsync))
            .WithSummary("Resumes a paused rotation.")
            .Control();

        app.MapPost(Routes.SecretRotationCancel, async (SecretRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.CancelSecretRotationAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(SecretRotationsFunctions.CancelSecretRotationAsync))
            .WithSummary("Cancels the rotation before its next wave; every workload it restarted and the store's version are rolled back.")
            .Control();
        return app;
    }

    private static string RequestId(HttpRequest request) => System.Diagnostics.Activity.Current?.Id ?? request.HttpContext.TraceIdentifier;

    private static RouteHandlerBuilder Decision(this RouteHandlerBuilder builder) =>
        builder
            .WithTags(Tag)
            .RequirePermission(Permission.ApproveTasks, scopedInHandler: true)
            .Accepts<DecisionBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static RouteHandlerBuilder Control(this RouteHandlerBuilder builder) =>
        builder
            .WithTags(Tag)
            .RequirePermission(Permission.RotateSecrets, scopedInHandler: true)
            .Accepts<ControlBody>("application/json")
            .Produces<Qlrf.Secrets.SecretRotation>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
