using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rollouts;
using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Secrets;
using Qlrf.Security;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Secrets;

using Qlrf.Api.Rotations;

namespace Qlrf.Api.Secrets;

/// <summary>
/// Secret rotations: start one (plans, then waits for approval by the rollout rules unless its environments run
/// unattended), read it and a secret's history of them, decide on its approval, and pause, resume or cancel it.
/// </summary>
public sealed class SecretRotationsFunctions(
    ISecretStore store,
    SecretRotationLauncher launcher,
    RotationControl control,
    IAccessEvaluator access,
    RequestContext request)
{
    public async Task<Accepted<SecretRotation>> StartSecretRotationAsync(string id, StartSecretRotationBody? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var target = await launcher.TargetAsync(request.Organisation, id, cancellationToken);
        await RolloutsFunctions.RequireAsync(access, caller, Permission.RotateSecrets, target.Environments, cancellationToken);
        var rotation = await launcher.StartAsync(target, caller.Actor, body?.Reason, idempotencyKey, cancellationToken);
        request.AuditTarget = Routes.PathOf(Routes.SecretRotation, rotation.Id);
        request.AuditDetails["secretId"] = target.Secret.Id;
        return TypedResults.Accepted(Routes.PathOf(Routes.SecretRotation, rotation.Id), rotation);
    }

    public async Task<Ok<IReadOnlyList<SecretRotation>>> ListSecretRotationsAsync(string id, CancellationToken cancellationToken)
    {
        var secret = await SecretsFunctions.FindAsync(store, request.Organisation, id, cancellationToken);
        return TypedResults.Ok(await store.ListRotationsAsync(request.Organisation, secret.Id, cancellationToken));
    }

    public async Task<Ok<SecretRotation>> GetSecretRotationAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(id, cancellationToken));

    public Task<Ok<ApprovalRecord>> ApproveSecretRotationAsync(string id, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Approve, body, requestId, cancellationToken);

    public Task<Ok<ApprovalRecord>> RejectSecretRotationAsync(string id, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Reject, body, requestId, cancellationToken);

    public Task<Accepted<SecretRotation>> PauseSecretRotationAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Pause, body?.Reason, cancellationToken);

    public Task<Accepted<SecretRotation>> ResumeSecretRotationAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Resume, body?.Reason, cancellationToken);

    public Task<Accepted<SecretRotation>> CancelSecretRotationAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Cancel, body?.Reason, cancellationToken);

    private async Task<Ok<ApprovalRecord>> DecideAsync(string id, ApprovalDecisionKind decision, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await control.DecideAsync(Ref(await FindAsync(id, cancellationToken)), decision, body, requestId, cancellationToken));

    private async Task<Accepted<SecretRotation>> SignalAsync(string id, ControlAction action, string? reason, CancellationToken cancellationToken)
    {
        var rotation = await FindAsync(id, cancellationToken);
        await control.SignalAsync(Ref(rotation), Permission.RotateSecrets, action, reason, cancellationToken);
        return TypedResults.Accepted(Routes.PathOf(Routes.SecretRotation, id), rotation);
    }

    private static RotationRef Ref(SecretRotation rotation) => new(
        rotation.Id,
        rotation.Status,
        rotation.IsTerminal,
        rotation.Plan?.Environments ?? [],
        Routes.PathOf(Routes.SecretRotation, rotation.Id),
        Routes.PathOf(Routes.SecretRotationReject, rotation.Id));

    private async Task<SecretRotation> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.GetRotationAsync(request.Organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no secret rotation '{id}'.");
}

/// <summary>The body of a secret rotation request: an optional reason.</summary>
public sealed record StartSecretRotationBody(string? Reason);
