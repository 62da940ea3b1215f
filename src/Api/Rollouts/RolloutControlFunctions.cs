using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Approvals;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.Api.Rollouts;

/// <summary>
/// Deciding on a rollout's approval (through <see cref="ApprovalService"/>, by the same rules as every other
/// channel) and pausing, resuming or cancelling it (control events, applied between batches).
/// </summary>
public sealed class RolloutControlFunctions(
    IRolloutStore store,
    IApprovalStore approvals,
    ApprovalService decisions,
    OrchestrationTenancy orchestrations,
    IAccessEvaluator access,
    RequestContext request)
{
    public const string Channel = "api";

    /// <summary>Approves the rollout's open approval; 403 for its requester or without approve:tasks in its environments, 409 once decided.</summary>
    public Task<Ok<ApprovalRecord>> ApproveRolloutAsync(string id, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Approve, body, requestId, cancellationToken);

    /// <summary>Rejects the rollout's open approval: nothing (more) runs. 409 once decided.</summary>
    public Task<Ok<ApprovalRecord>> RejectRolloutAsync(string id, DecisionBody? body, string requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, ApprovalDecisionKind.Reject, body, requestId, cancellationToken);

    private async Task<Ok<ApprovalRecord>> DecideAsync(string id, ApprovalDecisionKind decision, DecisionBody? body, string requestId, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var rollout = await RolloutsFunctions.FindAsync(store, request.Organisation, id, cancellationToken);
        var all = await approvals.ListBySubjectAsync(request.Organisation, id, cancellationToken);
        var approval = (all.Count == 0 ? null : all[^1])
            ?? throw new ConflictException($"Rollout {id} has no approval to decide on: it is {EnumText<RolloutStatus>.Of(rollout.Status)}.");
        request.AuditTarget = Routes.PathOf(Routes.Rollout, id);
        request.AuditDetails["approvalId"] = approval.Id;
        var decided = await decisions.DecideAsync(caller, approval.Id, decision, body?.Comment, Channel, requestId, cancellationToken);
        return TypedResults.Ok(ApprovalRecord.Of(decided));
    }

    public Task<Accepted<RolloutSummary>> PauseRolloutAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Pause, body?.Reason, rollback: false, cancellationToken);

    public Task<Accepted<RolloutSummary>> ResumeRolloutAsync(string id, ControlBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Resume, body?.Reason, rollback: false, cancellationToken);

    public Task<Accepted<RolloutSummary>> CancelRolloutAsync(string id, CancelBody? body, CancellationToken cancellationToken) =>
        SignalAsync(id, ControlAction.Cancel, body?.Reason, body?.Rollback ?? false, cancellationToken);

    private async Task<Accepted<RolloutSummary>> SignalAsync(string id, ControlAction action, string? reason, bool rollback, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var rollout = await RolloutsFunctions.FindAsync(store, request.Organisation, id, cancellationToken);
        await RolloutsFunctions.RequireAsync(access, caller, Permission.ExecuteRollout, rollout.Environments, cancellationToken);
        var verb = EnumText<ControlAction>.Of(action);
        if (rollout.Status.IsFinal())
        {
            throw new ConflictException($"Rollout {id} is {EnumText<RolloutStatus>.Of(rollout.Status)}; it can no longer {verb}.");
        }

        if (action == ControlAction.Cancel && rollout.Status == RolloutStatus.AwaitingApproval)
        {
            throw new ConflictException($"Rollout {id} is awaiting approval and has changed nothing; reject it instead (POST {Routes.PathOf(Routes.RolloutReject, id)}).");
        }

        if (reason is { Length: > 1000 })
        {
            throw new RequestValidationException("reason", "must be at most 1000 characters.");
        }

        await orchestrations.For(request.Organisation).RaiseEventAsync(id, ControlEvents.Control, new ControlSignal(action, caller.Actor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), rollback), cancellationToken);
        request.AuditTarget = Routes.PathOf(Routes.Rollout, id);
        request.AuditDetails["action"] = verb;
        if (action == ControlAction.Cancel)
        {
            request.AuditDetails["rollback"] = rollback ? "true" : "false";
        }

        return TypedResults.Accepted(Routes.PathOf(Routes.Rollout, id), RolloutSummary.Of(rollout));
    }
}
