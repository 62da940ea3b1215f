using Qlrf.Approvals;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Api.Rollouts;

/// <summary>A rollout in a listing: what, who, where it stands, its risk and progress.</summary>
public sealed record RolloutSummary(
    string Id,
    RolloutStatus Status,
    string? StatusReason,
    string Target,
    Autonomy Autonomy,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    RiskLevel? RiskLevel,
    double? RiskScore,
    RolloutProgress Progress)
{
    public static RolloutSummary Of(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return new(
            rollout.Id,
            rollout.Status,
            rollout.StatusReason,
            rollout.Request.Target.ToString(),
            rollout.Request.Autonomy,
            rollout.RequestedBy,
            rollout.CreatedAt,
            rollout.StartedAt,
            rollout.FinishedAt,
            rollout.Risk?.Level,
            rollout.Risk?.Score,
            rollout.Progress with { Status = rollout.Status });
    }
}

/// <summary>
/// One rollout in full: the request, the strategy it runs with, the plan (stages of batches), the risk with each
/// factor's contribution, the policies' verdict, its approvals, its progress and every asset's result and timing.
/// </summary>
public sealed record RolloutDetail(
    RolloutSummary Rollout,
    RolloutRequest Request,
    RolloutStrategy? Strategy,
    IReadOnlyList<StageView> Plan,
    RiskAssessment? Risk,
    PolicyVerdict Policy,
    ApprovalRequirement ApprovalRequirement,
    IReadOnlyList<ApprovalRecord> Approvals,
    IReadOnlyList<RolloutAssetResult> Assets);

/// <summary>A stage of the plan: the canary (number 0) or a wave, with its batches of asset ids.</summary>
public sealed record StageView(int Number, string Name, bool IsCanary, int AssetCount, IReadOnlyList<IReadOnlyList<string>> Batches)
{
    public static StageView Of(RolloutStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new(stage.Number, stage.Name, stage.IsCanary, stage.AssetCount, stage.Batches);
    }
}

/// <summary>The version of the policy file the plan was judged by, and every rule it broke.</summary>
public sealed record PolicyVerdict(int? Version, IReadOnlyList<PolicyViolation> Violations, int AlreadyOnTarget, IReadOnlyList<string> Environments);

/// <summary>How many distinct people must approve, and how long an approval stays open.</summary>
public sealed record ApprovalRequirement(int RequiredApprovals, TimeSpan Timeout);

/// <summary>One of the rollout's approvals, with every decision on it.</summary>
public sealed record ApprovalRecord(
    string Id,
    ApprovalStatus Status,
    int RequiredApprovals,
    IReadOnlyList<string> Environments,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ApprovalDecision> Decisions)
{
    public static ApprovalRecord Of(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return new(approval.Id, approval.Status, approval.RequiredApprovals, approval.Environments, approval.CreatedAt, approval.ExpiresAt, approval.ClosedAt, approval.Decisions);
    }
}

/// <summary>
/// A dry run's answer: the plan a rollout of the request would get now (stages of batches), the risk with each
/// factor's contribution, the policies' verdict, the approvals it would need, and why each asset is where it is.
/// Nothing was stored. <see cref="Risk"/> is null when the target cannot be planned (see the verdict's violations).
/// </summary>
public sealed record RolloutPlanPreview(
    string Target,
    Autonomy Autonomy,
    int AssetCount,
    RolloutStrategy Strategy,
    IReadOnlyList<StageView> Plan,
    RiskAssessment? Risk,
    PolicyVerdict Policy,
    ApprovalRequirement ApprovalRequirement,
    PlanExplanation Explanation);

/// <summary>Why a rollout's plan is what it is; <see cref="Planned"/> is false until its planning has run (the explanation is then empty).</summary>
public sealed record RolloutExplanation(string RolloutId, RolloutStatus Status, bool Planned, string Target, PlanExplanation Explanation);
