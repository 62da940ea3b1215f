namespace Qlrf.Approvals;

/// <summary>
/// A human approval a workflow waits for. High and Critical risk need several distinct approvers; one
/// rejection decides. The requester never approves their own change.
/// </summary>
public sealed record Approval
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    /// <summary>What waits for it: <c>rollout</c>, <c>drill</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The workflow instance that waits (rollout id, drill id).</summary>
    public required string Subject { get; init; }

    public required string RequestedBy { get; init; }

    /// <summary>The environments the change touches; an approver needs <c>approve:tasks</c> in every one.</summary>
    public required IReadOnlyList<string> Environments { get; init; }

    public required int RequiredApprovals { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;

    public IReadOnlyList<ApprovalDecision> Decisions { get; init; } = [];

    /// <summary>When it was decided, expired or withdrawn.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Optimistic concurrency: the store refuses a write based on an older version.</summary>
    public long ETag { get; init; }

    public bool IsOpen => Status == ApprovalStatus.Pending;
}

public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
    Expired,
    Withdrawn,
}

/// <summary>One person's decision, with their comment, the channel it came through, and when.</summary>
public sealed record ApprovalDecision(string Actor, ApprovalDecisionKind Decision, string Comment, string Channel, DateTimeOffset At);
