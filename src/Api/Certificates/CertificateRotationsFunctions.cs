using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rollouts;
using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Security;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Control;

using Qlrf.Api.Rotations;

namespace Qlrf.Api.Certificates;

/// <summary>
/// Certificate rotations: start one (plans, then waits for approval by the rollout rules unless its environments run
/// unattended), read it and a certificate's history of them, decide on its approval, and pause, resume or cancel it.
/// </summary>
public sealed class CertificateRotationsFunctions(
    ICertificateStore store,
    CertificateRotationLauncher launcher,
    RotationControl control,
    IAccessEvaluator access,
    RequestContext request)
{
    public async Task<Accepted<CertificateRotation>> StartCertificateRotationAsync(string id, StartRotationBody? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var target = await launcher.TargetAsync(request.Organisation, id, cancellationToken);
        await RolloutsFunctions.RequireAsync(access, caller, Permission.RotateCertificates, target.Environments, cancellationToken);
        var rotation = await launcher.StartAsync(target, caller.Actor, body?.Reason, body?.ValidityDays, idempotencyKey, cancellationToken);
        request.AuditTarget = Routes.PathOf(Routes.CertificateRotation, rotation.Id);
        request.AuditDetails["certificateId"] = target.Certificate.Id;
        return TypedResults.Accepted(Routes.PathOf(Routes.CertificateRotation, rotation.Id), rotation);
    }

    public async Task<Ok<IReadOnlyList<CertificateRotation>>> ListCertificateRotationsAsync(string id, CancellationToken cancellationToken)
    {
        var certificate = await CertificatesFunctions.FindAsync(store, request.Organisation, id, cancellationToken);
        return TypedResults.Ok(await store.ListRotationsAsync(request.Organisation, certificate.Id, cancellationToken));
    }

    public async Task<Ok<CertificateRotation>> GetCertificateRotationAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(id, cancellationToken));

    public Task<Ok<ApprovalRecord>> ApproveCertificateRotationAsync(string id, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Approve, body, requestId, cancellationToken);

    public Task<Ok<ApprovalRecord>> RejectCertificateRotationAsync(string id, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Reject, body, requestId, cancellationToken);

    public Task<Accepted<CertificateRotation>> PauseCertificateRotationAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Pause, body?.Reason, cancellationToken);

    public Task<Accepted<CertificateRotation>> ResumeCertificateRotationAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Resume, body?.Reason, cancellationToken);

    public Task<Accepted<CertificateRotation>> CancelCertificateRotationAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Cancel, body?.Reason, cancellationToken);

    private async Task<Ok<ApprovalRecord>> DecideAsync(string id, ApprovalDecisionKind decision, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await control.DecideAsync(Ref(await FindAsync(id, cancellationToken)), decision, body, requestId, cancellationToken));

    private async Task<Accepted<CertificateRotation>> SignalAsync(string id, ControlAction action, string? reason, CancellationToken cancellationToken)
    {
        var rotation = await FindAsync(id, cancellationToken);
        await control.SignalAsync(Ref(rotation), Permission.RotateCertificates, action, reason, cancellationToken);
        return TypedResults.Accepted(Routes.PathOf(Routes.CertificateRotation, id), rotation);
    }

    private static RotationRef Ref(CertificateRotation rotation) => new(
        rotation.Id,
        rotation.Status,
        rotation.IsTerminal,
        rotation.Plan?.Environments ?? [],
        Routes.PathOf(Routes.CertificateRotation, rotation.Id),
        Routes.PathOf(Routes.CertificateRotationReject, rotation.Id));

    private async Task<CertificateRotation> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.GetRotationAsync(request.Organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no certificate rotation '{id}'.");
}
