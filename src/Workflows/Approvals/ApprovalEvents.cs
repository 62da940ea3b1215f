using Qlrf.Approvals;

namespace Qlrf.Workflows.Approvals;

/// <summary>The external event a workflow waits on for its approval, and what it carries.</summary>
public static class ApprovalEvents
{
    /// <summary>Raised to the workflow instance (the approval's subject) when its approval closes.</summary>
    public const string ApprovalClosed = nameof(ApprovalClosed);
}

/// <summary>How an approval ended, as its workflow sees it.</summary>
public sealed record ApprovalOutcome(string ApprovalId, ApprovalStatus Status, IReadOnlyList<ApprovalDecision> Decisions, DateTimeOffset? ClosedAt)
{
    public static ApprovalOutcome Of(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return new ApprovalOutcome(approval.Id, approval.Status, approval.Decisions, approval.ClosedAt);
    }

    public bool Approved => Status == ApprovalStatus.Approved;

    /// <summary>Who decided, for reports: "bob, carol".</summary>
    public string DecidedBy => string.Join(", ", Decisions.Select(d => d.Actor));
}
