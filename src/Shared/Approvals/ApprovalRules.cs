using System.Globalization;

namespace Qlrf.Approvals;

/// <summary>The rules of deciding an approval. Pure: the caller supplies whether the actor may approve in scope.</summary>
public static class ApprovalRules
{
    /// <summary>Applies a decision; returns the approval as it now stands, or why the decision is refused.</summary>
    /// <param name="mayApprove">Whether the actor holds <c>approve:tasks</c> in every environment the change touches.</param>
    public static ApprovalResult Decide(Approval approval, string actor, ApprovalDecisionKind decision, string? comment, string channel, bool mayApprove, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (!approval.IsOpen)
        {
            return ApprovalResult.Refused(ApprovalRefusal.Closed, Closed(approval));
        }

        if (at >= approval.ExpiresAt)
        {
            return ApprovalResult.Refused(ApprovalRefusal.Closed, Invariant($"The approval expired at {approval.ExpiresAt:u}."));
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return ApprovalResult.Refused(ApprovalRefusal.CommentRequired, "A decision needs a comment.");
        }

        if (decision == ApprovalDecisionKind.Approve && actor == approval.RequestedBy)
        {
            return ApprovalResult.Refused(ApprovalRefusal.Forbidden, "The requester cannot approve their own change.");
        }

        if (!mayApprove && actor != approval.RequestedBy)
        {
            return ApprovalResult.Refused(ApprovalRefusal.Forbidden, $"Deciding needs approve:tasks in {string.Join(", ", approval.Environments)}.");
        }

        if (approval.Decisions.Any(d => d.Actor == actor))
        {
            return ApprovalResult.Refused(ApprovalRefusal.Closed, $"{actor} has already decided on this approval.");
        }

        var decisions = approval.Decisions.Append(new ApprovalDecision(actor, decision, comment.Trim(), channel, at)).ToList();
        var approvers = decisions.Count(d => d.Decision == ApprovalDecisionKind.Approve);
        var status = decision == ApprovalDecisionKind.Reject
            ? ApprovalStatus.Rejected
            : approvers >= approval.RequiredApprovals ? ApprovalStatus.Approved : ApprovalStatus.Pending;
        return ApprovalResult.Accepted(approval with
        {
            Decisions = decisions,
            Status = status,
            ClosedAt = status == ApprovalStatus.Pending ? null : at,
        });
    }

    /// <summary>Closes an approval nobody decided in time.</summary>
    public static Approval Expire(Approval approval, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return approval.IsOpen ? approval with { Status = ApprovalStatus.Expired, ClosedAt = at } : approval;
    }

    /// <summary>"Already decided by X at T": what a late decision is told.</summary>
    public static string Closed(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var last = approval.Decisions.Count == 0 ? null : approval.Decisions[^1];
        return approval.Status switch
        {
            ApprovalStatus.Approved or ApprovalStatus.Rejected when last is not null =>
                Invariant($"Already decided: {(approval.Status == ApprovalStatus.Approved ? "approved" : "rejected")} by {string.Join(" and ", approval.Decisions.Where(d => d.Decision == (approval.Status == ApprovalStatus.Approved ? ApprovalDecisionKind.Approve : ApprovalDecisionKind.Reject)).Select(d => d.Actor))} at {last.At:u}."),
            ApprovalStatus.Expired => Invariant($"Already closed: the approval expired at {approval.ClosedAt ?? approval.ExpiresAt:u}."),
            _ => Invariant($"Already closed: the approval was withdrawn at {approval.ClosedAt:u}."),
        };
    }

    /// <summary>Approvers a risk level needs: <paramref name="highRiskApprovers"/> for High and Critical, otherwise one.</summary>
    public static int RequiredFor(string riskLevel, int highRiskApprovers) =>
        riskLevel is "High" or "Critical" or "high" or "critical" ? Math.Max(1, highRiskApprovers) : 1;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The outcome of a decision: the approval as it stands, or a refusal and why.</summary>
public sealed record ApprovalResult(Approval? Approval, ApprovalRefusal? Refusal, string? Reason)
{
    public static ApprovalResult Accepted(Approval approval) => new(approval, null, null);

    public static ApprovalResult Refused(ApprovalRefusal refusal, string reason) => new(null, refusal, reason);
}

/// <summary>Why a decision was refused: maps to 409, 400 and 403.</summary>
public enum ApprovalRefusal
{
    Closed,
    CommentRequired,
    Forbidden,
}
