using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Security;

namespace Qlrf.Workflows.Approvals;

/// <summary>
/// Opens approvals and takes decisions on them from any channel (API, Slack, Teams, signed links) by the
/// same rules: <c>approve:tasks</c> in every environment the change touches, never the requester's own
/// approval, N distinct approvers for high risk, a comment on every decision, and one answer for a late
/// decision ("already decided by X at T"). Every decision, and every refused one, is audited; a closed
/// approval is handed to the workflow that waits on it.
/// </summary>
public sealed class ApprovalService(
    IApprovalStore store,
    IAccessEvaluator access,
    IAuditLog audit,
    IEnumerable<IApprovalListener> listeners,
    TimeProvider time)
{
    public const string DecisionAction = "ApprovalDecided";
    public const string ExpiredAction = "ApprovalExpired";

    /// <summary>Opens an approval; opening the same id again returns the stored one.</summary>
    public Task<Approval> OpenAsync(Approval approval, CancellationToken cancellationToken) => store.CreateAsync(approval, cancellationToken);

    public async Task<Approval> GetAsync(string organisation, string approvalId, CancellationToken cancellationToken) =>
        await store.GetAsync(organisation, approvalId, cancellationToken)
            ?? throw new NotFoundException($"There is no approval '{approvalId}'.");

    /// <summary>
    /// Takes a decision. Throws <see cref="ForbiddenException"/> (403), <see cref="ConflictException"/> (409,
    /// already decided or expired) or <see cref="RequestValidationException"/> (400, no comment).
    /// </summary>
    public async Task<Approval> DecideAsync(
        Principal actor, string approvalId, ApprovalDecisionKind decision, string? comment, string channel, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 0; ; attempt++)
        {
            var approval = await GetAsync(actor.Organisation, approvalId, cancellationToken);
            var mayApprove = await access.HasPermissionInEveryEnvironmentAsync(actor, Permission.ApproveTasks, null, approval.Environments, cancellationToken);
            var result = ApprovalRules.Decide(approval, actor.Actor, decision, comment, channel, mayApprove, time.GetUtcNow());
            if (result.Refusal is { } refusal)
            {
                await AuditAsync(approval, actor.Actor, decision, channel, requestId, AuditOutcome.Denied, result.Reason!, cancellationToken);
                throw refusal switch
                {
                    ApprovalRefusal.Forbidden => new ForbiddenException(result.Reason!),
                    ApprovalRefusal.CommentRequired => new RequestValidationException("comment", "is required on every decision."),
                    _ => new ConflictException(result.Reason!),
                };
            }

            var saved = await store.ReplaceAsync(result.Approval!, approval.ETag, cancellationToken);
            if (saved is null)
            {
                if (attempt >= 5)
                {
                    throw new ConflictException("The approval kept changing while deciding; try again.");
                }

                continue;
            }

            await AuditAsync(saved, actor.Actor, decision, channel, requestId, AuditOutcome.Success, comment!.Trim(), cancellationToken);
            if (!saved.IsOpen)
            {
                await HandOnAsync(saved, cancellationToken);
            }

            return saved;
        }
    }

    /// <summary>Closes an approval whose time ran out; a decided one stays as it is.</summary>
    public async Task<Approval> ExpireAsync(string organisation, string approvalId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var approval = await GetAsync(organisation, approvalId, cancellationToken);
            if (!approval.IsOpen)
            {
                return approval;
            }

            var saved = await store.ReplaceAsync(ApprovalRules.Expire(approval, time.GetUtcNow()), approval.ETag, cancellationToken);
            if (saved is null)
            {
                continue;
            }

            await audit.AppendAsync(new AuditEvent
            {
                Organisation = organisation,
                Actor = "system",
                Action = ExpiredAction,
                Target = $"{saved.Kind}/{saved.Subject}/approvals/{saved.Id}",
                Outcome = AuditOutcome.Success,
                Source = "orchestration",
            }, cancellationToken);
            return saved;
        }
    }

    /// <summary>Hands a closed approval to its workflow again (for a retry after the workflow missed it).</summary>
    public Task HandOnAsync(Approval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return Task.WhenAll(listeners.Where(l => l.Handles(approval.Kind)).Select(l => l.ClosedAsync(approval, cancellationToken)));
    }

    private Task<AuditEntry> AuditAsync(Approval approval, string actor, ApprovalDecisionKind decision, string channel, string requestId, AuditOutcome outcome, string detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent
        {
            Organisation = approval.Organisation,
            Actor = actor,
            Action = DecisionAction,
            Target = $"{approval.Kind}/{approval.Subject}/approvals/{approval.Id}",
            Outcome = outcome,
            RequestId = requestId,
            Source = channel,
            Details = new Dictionary<string, string>
            {
                ["decision"] = decision == ApprovalDecisionKind.Approve ? "approve" : "reject",
                ["status"] = Json.EnumText<ApprovalStatus>.Of(approval.Status),
                [outcome == AuditOutcome.Success ? "comment" : "reason"] = detail,
            },
        }, cancellationToken);
}
