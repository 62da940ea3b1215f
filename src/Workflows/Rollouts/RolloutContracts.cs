using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;

namespace Qlrf.Workflows.Rollouts;

/// <summary>The rollout orchestration's input: which rollout (its id is also the instance id).</summary>
public sealed record RolloutInput(string Organisation, string RolloutId);

/// <summary>How a rollout ended, as its orchestration returns it.</summary>
public sealed record RolloutOutcome(RolloutStatus Status, string? Reason, RolloutProgress Progress);

/// <summary>
/// The plan as the orchestration runs it: the stages of asset ids and everything the run decides on,
/// fixed once planned (so a replay decides the same way even if the settings change).
/// </summary>
public sealed record PlannedRollout
{
    public required string RolloutId { get; init; }

    public required string Organisation { get; init; }

    public required string RequestedBy { get; init; }

    public required RolloutTarget Target { get; init; }

    public required Autonomy Autonomy { get; init; }

    public RolloutWindow? Schedule { get; init; }

    public required RolloutStrategy Strategy { get; init; }

    public required IReadOnlyList<RolloutStage> Stages { get; init; }

    public required IReadOnlyList<string> Environments { get; init; }

    public required RiskLevel RiskLevel { get; init; }

    public required double RiskScore { get; init; }

    /// <summary>The largest risk contributions, for the approval request.</summary>
    public IReadOnlyList<RiskContribution> TopRisks { get; init; } = [];

    public int PolicyVersion { get; init; }

    public IReadOnlyList<PolicyViolation> Violations { get; init; } = [];

    public int AlreadyOnTarget { get; init; }

    public required int RequiredApprovals { get; init; }

    public required TimeSpan ApprovalTimeout { get; init; }

    public required int ApplyAttempts { get; init; }

    public required TimeSpan ApplyRetryDelay { get; init; }

    public int Total => Stages.Sum(s => s.AssetCount);

    /// <summary>Waves after the canary.</summary>
    public int WaveCount => Stages.Count(s => !s.IsCanary);
}

/// <summary>A rollout's record to change: its status, why, who caused it, and asset results that go with it.</summary>
public sealed record RolloutStatusChange(
    string Organisation,
    string RolloutId,
    RolloutStatus Status,
    string Actor,
    string? Reason,
    RolloutProgress? Progress = null,
    IReadOnlyList<RolloutAssetResult>? Results = null);

/// <summary>One asset's image change: the idempotency key is the instance id, the asset and the step.</summary>
public sealed record ApplyImageInput(string Organisation, string RolloutId, string AssetId, string Family, string Version)
{
    public string IdempotencyKey => $"{RolloutId}:{AssetId}:apply";
}

/// <summary>What an image change did, and how the asset stood before it (the health check's baseline).</summary>
public sealed record AssetChangeOutcome(
    string AssetId,
    bool Changed,
    string? FromVersion,
    string ToVersion,
    AssetHealth HealthBefore,
    AssetState StateBefore,
    string Source,
    Platform Platform,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt);

/// <summary>One asset's step in a batch: its outcome, or the error its last attempt failed with.</summary>
public sealed record AssetStep(string AssetId, AssetChangeOutcome? Outcome, string? Error, DateTimeOffset At);

/// <summary>
/// A batch to check and record: where it is in the plan, what the gate checks, and each asset's step.
/// <see cref="TargetVersion"/> is null for a patch set: each asset must then still report the version its step left it on.
/// </summary>
public sealed record BatchCheckInput(
    string Organisation,
    string RolloutId,
    int Stage,
    int Batch,
    string? TargetVersion,
    IReadOnlyList<string> Checks,
    IReadOnlyList<AssetStep> Steps,
    RolloutProgress ProgressBefore);

/// <summary>The batch's verdict: the assets that failed (their change or their check) and why, and the progress after it.</summary>
public sealed record BatchCheckResult(IReadOnlyDictionary<string, string> Failures, RolloutProgress Progress);

/// <summary>
/// Moves an asset back. <see cref="ToVersion"/> is the version it ran before the change when the change reported it;
/// otherwise the version recorded for it when the rollout was planned.
/// </summary>
public sealed record RollbackAssetInput(string Organisation, string RolloutId, string AssetId, string Family, string? ToVersion)
{
    public string IdempotencyKey => $"{RolloutId}:{AssetId}:rollback";
}

/// <summary>Sources to sweep after a rollout changed their assets.</summary>
public sealed record SweepSourcesInput(string Organisation, string RolloutId, IReadOnlyList<string> Sources);

/// <summary>One asset's patch-set step: the idempotency key is the instance id, the asset and the step.</summary>
public sealed record ApplyPatchSetInput(string Organisation, string RolloutId, string AssetId, string PatchSetId)
{
    public string IdempotencyKey => $"{RolloutId}:{AssetId}:apply";
}

/// <summary>The compensation of a patch-set step: removes the patch set from the asset again.</summary>
public sealed record RemovePatchSetInput(string Organisation, string RolloutId, string AssetId, string PatchSetId)
{
    public string IdempotencyKey => $"{RolloutId}:{AssetId}:rollback";
}
