using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rollouts;
using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Security;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;

namespace Qlrf.Api.Rotations;

/// <summary>What deciding on or signalling a rotation needs to know of it, whichever kind (certificate or secret) it is.</summary>
/// <param name="Path">The rotation's resource path (the audit target and the 202's location).</param>
/// <param name="RejectPath">Where its approval is rejected (named when a cancel is refused before approval).</param>
internal sealed record RotationRef(string Id, RotationStatus Status, bool IsTerminal, IReadOnlyList<string> Environments, string Path, string RejectPath);

/// <summary>
/// The approval decisions and control signals of certificate and secret rotations: both run the same approval gate and
/// take pause, resume and cancel through the same control event, so the checks before them are written once here.
/// </summary>
public sealed class RotationControl(
    IApprovalStore approvals,
    ApprovalService decisions,
    OrchestrationTenancy orchestrations,
    IAccessEvaluator access,
    RequestContext request)
{
    public const string Channel = "api";

    /// <summary>Decides on the rotation's latest approval; 409 when it has none.</summary>
    internal async Task<ApprovalRecord> DecideAsync(RotationRef rotation, ApprovalDecisionKind decision, DecisionBody? body, string requestId, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var all = await approvals.ListBySubjectAsync(request.Organisation, rotation.Id, cancellationToken);
        var approval = (all.Count == 0 ? null : all[^1])
            ?? throw new ConflictException($"Rotation {rotation.Id} has no approval to decide on: it is {EnumText<RotationStatus>.Of(rotation.Status)}.");
        request.AuditTarget = rotation.Path;
        request.AuditDetails["approvalId"] = approval.Id;
        var decided = await decisions.DecideAsync(caller, approval.Id, decision, body?.Comment, Channel, requestId, cancellationToken);
        return ApprovalRecord.Of(decided);
    }

    /// <summary>
    /// Sends pause, resume or cancel to the rotation's orchestration after checking the caller holds
    /// <paramref name="permission"/> over its environments: 409 when it has ended, or for a cancel while it awaits approval.
    /// </summary>
    internal async Task SignalAsync(RotationRef rotation, Permission permission, ControlAction action, string? reason, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        await RolloutsFunctions.RequireAsync(access, caller, permission, rotation.Environments, cancellationToken);
        if (rotation.IsTerminal)
        {
            throw new ConflictException($"Rotation {rotation.Id} is {EnumText<RotationStatus>.Of(rotation.Status)}; it can no longer {EnumText<ControlAction>.Of(action)}.");
        }

        if (action == ControlAction.Cancel && rotation.Status == RotationStatus.AwaitingApproval)
        {
            throw new ConflictException($"Rotation {rotation.Id} is awaiting approval and has changed nothing; reject it instead (POST {rotation.RejectPath}).");
        }

        if (reason is { Length: > 1000 })
        {
            throw new RequestValidationException("reason", "must be at most 1000 characters.");
        }

        await orchestrations.For(request.Organisation).RaiseEventAsync(rotation.Id, ControlEvents.Control, new ControlSignal(action, caller.Actor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), cancellationToken);
        request.AuditTarget = rotation.Path;
    }
}
