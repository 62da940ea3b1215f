using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Workflows.Approvals;
using Qlrf.Security;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// Where a decision from Slack, Teams or a signed link meets <see cref="ApprovalService"/>, which applies
/// every rule and audits. Chat and browser callers are answered in their own format (a Slack message, a
/// Teams card, a page), never ProblemDetails, so this turns the service's refusals into a
/// <see cref="ChannelOutcome"/> the channel shows. It also audits a caller no QL-RF identity is mapped for.
/// </summary>
public sealed class ChannelDecisions(ApprovalService approvals, IApprovalStore store, IAuditLog audit)
{
    public async Task<ChannelOutcome> DecideAsync(
        Principal actor, string approvalId, ApprovalDecisionKind decision, string? comment, string channel, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            return ChannelOutcome.Decided(await approvals.DecideAsync(actor, approvalId, decision, comment, channel, requestId, cancellationToken));
        }
        catch (ForbiddenException ex)
        {
            return await RefusedAsync(actor.Organisation, approvalId, ChannelRefusal.Forbidden, ex.Message, cancellationToken);
        }
        catch (ConflictException ex)
        {
            return await RefusedAsync(actor.Organisation, approvalId, ChannelRefusal.Closed, ex.Message, cancellationToken);
        }
        catch (RequestValidationException)
        {
            return await RefusedAsync(actor.Organisation, approvalId, ChannelRefusal.CommentRequired, "A decision needs a comment: it is recorded in the audit log.", cancellationToken);
        }
        catch (NotFoundException ex)
        {
            return new ChannelOutcome(null, ChannelRefusal.NotFound, ex.Message);
        }
    }

    /// <summary>Audits a decision refused because the channel's user maps to no QL-RF identity.</summary>
    /// <param name="channelUser">The channel's name for the user (<c>slack:T123/U456</c>, <c>teams:{aad object id}</c>); not a secret.</param>
    public async Task<ChannelOutcome> RefuseUnmappedAsync(
        string organisation, string approvalId, ApprovalDecisionKind decision, string channel, string channelUser, string reason, string requestId, CancellationToken cancellationToken)
    {
        var approval = await store.GetAsync(organisation, approvalId, cancellationToken);
        await audit.AppendAsync(new AuditEvent
        {
            Organisation = organisation,
            Actor = Principal.Anonymous,
            Action = ApprovalService.DecisionAction,
            Target = approval is null ? $"approvals/{approvalId}" : $"{approval.Kind}/{approval.Subject}/approvals/{approval.Id}",
            Outcome = AuditOutcome.Denied,
            RequestId = requestId,
            Source = channel,
            Details = new Dictionary<string, string>
            {
                ["decision"] = decision == ApprovalDecisionKind.Approve ? "approve" : "reject",
                ["channelUser"] = channelUser,
                ["reason"] = reason,
            },
        }, cancellationToken);
        return new ChannelOutcome(approval, ChannelRefusal.Unmapped, reason);
    }

    private async Task<ChannelOutcome> RefusedAsync(string organisation, string approvalId, ChannelRefusal refusal, string reason, CancellationToken cancellationToken) =>
        new(await store.GetAsync(organisation, approvalId, cancellationToken), refusal, reason);
}

/// <summary>
/// How a decision from a channel ended: the approval as it now stands (when there is one) and, when the
/// decision was refused, why.
/// </summary>
public sealed record ChannelOutcome(Approval? Approval, ChannelRefusal? Refusal, string? Reason)
{
    public static ChannelOutcome Decided(Approval approval) => new(approval, null, null);
}

/// <summary>Why a channel's decision was refused.</summary>
public enum ChannelRefusal
{
    /// <summary>The channel's user maps to no QL-RF identity.</summary>
    Unmapped,

    /// <summary>No approve:tasks in every environment, or the requester's own change.</summary>
    Forbidden,

    /// <summary>Decided, expired or withdrawn already, or this person decided already.</summary>
    Closed,

    CommentRequired,

    NotFound,
}
