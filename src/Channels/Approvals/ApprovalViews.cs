using System.Globalization;
using Qlrf.Approvals;
using Qlrf.Notifications;

namespace Qlrf.Channels.Approvals;

/// <summary>
/// What an approval showed people when it was requested (summary, risk, facts), to redraw it with its
/// outcome: taken from the approval request in the notification outbox, or, when none was sent, made
/// from the approval itself.
/// </summary>
public sealed class ApprovalViews(INotificationOutbox outbox)
{
    public async Task<ApprovalView> OfAsync(Approval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var sent = await outbox.ListAsync(approval.Organisation, approval.Subject, cancellationToken);
        return sent.Select(d => d.Notification.Approval).LastOrDefault(v => v?.ApprovalId == approval.Id) ?? Fallback(approval);
    }

    /// <summary>The outcome in one line: who decided, when, and how many approvals are still needed.</summary>
    public static string Outcome(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var approvers = approval.Decisions.Where(d => d.Decision == ApprovalDecisionKind.Approve).Select(d => d.Actor).ToList();
        return approval.Status switch
        {
            ApprovalStatus.Pending => Invariant($"Approved by {string.Join(", ", approvers)} ({approvers.Count} of {approval.RequiredApprovals} approvals); waiting for {approval.RequiredApprovals - approvers.Count} more."),
            ApprovalStatus.Approved => Invariant($"Approved by {string.Join(", ", approvers)} at {approval.ClosedAt:u}."),
            ApprovalStatus.Rejected when approval.Decisions.LastOrDefault(d => d.Decision == ApprovalDecisionKind.Reject) is { } no =>
                Invariant($"Rejected by {no.Actor} at {no.At:u}: {no.Comment}"),
            _ => ApprovalRules.Closed(approval),
        };
    }

    private static ApprovalView Fallback(Approval approval) => new(
        approval.Id,
        approval.Kind,
        approval.Subject,
        $"{approval.Kind} {approval.Subject} in {string.Join(", ", approval.Environments)}",
        "not recorded",
        0,
        approval.RequestedBy,
        approval.ExpiresAt,
        [new("Approvals needed", approval.RequiredApprovals.ToString(CultureInfo.InvariantCulture))]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
