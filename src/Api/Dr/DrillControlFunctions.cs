using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Drills;
using Qlrf.Orchestration;

namespace Qlrf.Api.Dr;

/// <summary>
/// Deciding a drill's approval (through <see cref="ApprovalService"/>, by the same rules as every channel) and
/// pausing, resuming or cancelling a drill (applied at its next safe point; a cancel after failover fails back).
/// </summary>
public sealed class DrillControlFunctions(DrillsFunctions drills, ApprovalService approvals, OrchestrationTenancy orchestrations, RequestContext request)
{
    public Task<Ok<DrillApprovalResource>> ApproveAsync(string id, DrillDecisionRequest? body, HttpContext http, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Approve, body, http, cancellationToken);

    public Task<Ok<DrillApprovalResource>> RejectAsync(string id, DrillDecisionRequest? body, HttpContext http, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Reject, body, http, cancellationToken);

    public Task<Accepted<DrillResource>> PauseAsync(string id, DrillControlRequest? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Pause, body, cancellationToken);

    public Task<Accepted<DrillResource>> ResumeAsync(string id, DrillControlRequest? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Resume, body, cancellationToken);

    public Task<Accepted<DrillResource>> CancelAsync(string id, DrillControlRequest? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Cancel, body, cancellationToken);

    private async Task<Ok<DrillApprovalResource>> DecideAsync(string id, ApprovalDecisionKind decision, DrillDecisionRequest? body, HttpContext http, CancellationToken cancellationToken)
    {
        var drill = await drills.FindAsync(id, cancellationToken);
        var approvalId = drill.Id + ":approval";
        request.AuditTarget = DrillAudit.Target(drill.Id);
        try
        {
            await approvals.GetAsync(request.Organisation, approvalId, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new ConflictException($"Drill {drill.Id} has no approval to decide ({Json.EnumText<DrillStatus>.Of(drill.Status)}, {Json.EnumText<DrillPhase>.Of(drill.Phase)}).");
        }

        var decided = await approvals.DecideAsync(
            request.RequireCaller(), approvalId, decision, body?.Comment, "api", Activity.Current?.Id ?? http.TraceIdentifier, cancellationToken);
        return TypedResults.Ok(DrillApprovalResource.From(decided));
    }

    private async Task<Accepted<DrillResource>> SignalAsync(string id, ControlAction action, DrillControlRequest? body, CancellationToken cancellationToken)
    {
        var drill = await drills.FindAsync(id, cancellationToken);
        request.AuditTarget = DrillAudit.Target(drill.Id);
        if (body?.Reason is { Length: > 500 })
        {
            throw new RequestValidationException("reason", "must be at most 500 characters.");
        }

        if (drill.Status.IsFinished())
        {
            throw new ConflictException($"Drill {drill.Id} has finished ({Json.EnumText<DrillStatus>.Of(drill.Status)}).");
        }

        var resource = await drills.ResourceAsync(drill, cancellationToken);
        if (action == ControlAction.Cancel && resource.Status == DrillStatus.AwaitingApproval)
        {
            throw new ConflictException($"Drill {drill.Id} is waiting for approval and has changed nothing; reject it (POST {Routes.PathOf(Routes.DrDrillReject, drill.Id)}) to stop it.");
        }

        await orchestrations.For(drill.Organisation).RaiseEventAsync(drill.Id, ControlEvents.Control, new ControlSignal(action, request.Actor, body?.Reason?.Trim(), Rollback: true), cancellationToken);
        return TypedResults.Accepted(Routes.PathOf(Routes.DrDrill, drill.Id), resource);
    }
}
