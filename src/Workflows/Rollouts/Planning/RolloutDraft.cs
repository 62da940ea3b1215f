using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Workflows.Rollouts.Planning;

/// <summary>
/// A rollout as planning makes it, before anything is stored: the assets, strategy, stages, risk, the policies it
/// was judged by and their verdict, and the approvals it needs. <see cref="Unplannable"/> is set (and the rest empty)
/// when its target is gone.
/// </summary>
public sealed record RolloutDraft
{
    public required DateTimeOffset PlannedAt { get; init; }

    public PolicyViolation? Unplannable { get; init; }

    /// <summary>The image version the assets move to; null for a patch set (they keep their version).</summary>
    public string? TargetVersion { get; init; }

    public IReadOnlyList<PlannedAsset> Assets { get; init; } = [];

    public RolloutStrategy Strategy { get; init; } = new();

    public RolloutPlan Plan { get; init; } = new([]);

    public RiskAssessment Risk { get; init; } = RolloutPlanning.Unscored;

    /// <summary>The policy set the plan was judged by.</summary>
    public PolicySet? Policies { get; init; }

    public int? PolicyVersion { get; init; }

    public IReadOnlyList<PolicyViolation> Violations { get; init; } = [];

    public IReadOnlyList<string> Environments { get; init; } = [];

    public int AlreadyOnTarget { get; init; }

    public int RequiredApprovals { get; init; }

    public TimeSpan ApprovalTimeout { get; init; }

    internal static RolloutDraft Unplanned(PolicyViolation reason, DateTimeOffset at) =>
        new() { PlannedAt = at, Unplannable = reason, Violations = [reason] };
}
