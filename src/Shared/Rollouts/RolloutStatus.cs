namespace Qlrf.Rollouts;

/// <summary>Where a rollout is in its life. Rejected, expired, completed, rolled back, cancelled and failed are final.</summary>
public enum RolloutStatus
{
    /// <summary>Resolving the scope, scoring the risk and judging the plan by the policies.</summary>
    Planning,

    /// <summary>Waiting for a human decision (the approval's timer runs).</summary>
    AwaitingApproval,

    /// <summary>A policy broke, or an approver rejected it; nothing ran.</summary>
    Rejected,

    /// <summary>Nobody decided in time, or the maintenance window closed before it could start; nothing ran.</summary>
    Expired,

    Running,

    /// <summary>Held between batches until resumed or cancelled.</summary>
    Paused,

    Completed,

    /// <summary>A health gate broke; every asset the rollout changed was moved back.</summary>
    RolledBack,

    /// <summary>Stopped on request between batches (its changes kept, or rolled back if asked).</summary>
    Cancelled,

    /// <summary>Ended by an error it could not recover from (or a rollback that could not restore every asset).</summary>
    Failed,
}

public static class RolloutStatusExtensions
{
    public static bool IsFinal(this RolloutStatus status) => status is RolloutStatus.Rejected or RolloutStatus.Expired
        or RolloutStatus.Completed or RolloutStatus.RolledBack or RolloutStatus.Cancelled or RolloutStatus.Failed;

    /// <summary>Whether the rollout's run counts as a failure in the family's record (the risk of the next one).</summary>
    public static bool IsFailure(this RolloutStatus status) => status is RolloutStatus.RolledBack or RolloutStatus.Failed;
}
