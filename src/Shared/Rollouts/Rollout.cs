using Qlrf.Rollouts.Policies;

namespace Qlrf.Rollouts;

/// <summary>
/// A rollout as stored: the request and who made it, the plan with its risk and the policies' verdict,
/// and where it stands. Its id is also its orchestration's instance id (<c>ro-{organisation}-{guid}</c>).
/// The plan's stages are kept apart (<see cref="IRolloutStore.GetStagesAsync"/>), as they can be large.
/// </summary>
public sealed record Rollout
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    /// <summary>The actor who asked for it (<c>user:…</c>, <c>key:…</c>); never its approver.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required RolloutRequest Request { get; init; }

    /// <summary>The client's Idempotency-Key, if it sent one, and a hash of the request it came with.</summary>
    public string? IdempotencyKey { get; init; }

    public string? RequestHash { get; init; }

    public RolloutStatus Status { get; init; } = RolloutStatus.Planning;

    /// <summary>Why it is in its status (the policy reasons, who rejected, the failing health gate).</summary>
    public string? StatusReason { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the first change started, and when it reached a final status.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The strategy it runs with (the request resolved with the risk's recommendations); null until planned.</summary>
    public RolloutStrategy? Strategy { get; init; }

    public RiskAssessment? Risk { get; init; }

    /// <summary>The version of the policy file the plan was judged by, and what it found.</summary>
    public int? PolicyVersion { get; init; }

    public IReadOnlyList<PolicyViolation> Violations { get; init; } = [];

    /// <summary>The environments of the assets in the plan (an approver needs approve:tasks in each).</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    /// <summary>Distinct approvers the rollout needs (more for High and Critical risk), and how long an approval stays open.</summary>
    public int RequiredApprovals { get; init; } = 1;

    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Assets in scope that already ran the target when planned (left out of the plan).</summary>
    public int AlreadyOnTarget { get; init; }

    public RolloutProgress Progress { get; init; } = new();
}
