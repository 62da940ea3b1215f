namespace Qlrf.Rollouts;

/// <summary>One asset's part in a rollout: where it stood, what was done, when, and how it ended.</summary>
public sealed record RolloutAssetResult
{
    public required string AssetId { get; init; }

    /// <summary>The stage (0 is the canary) and batch (from 1) it belongs to.</summary>
    public required int Stage { get; init; }

    public required int Batch { get; init; }

    public RolloutAssetStatus Status { get; init; } = RolloutAssetStatus.Pending;

    /// <summary>The version it ran when planned, or when the change found it.</summary>
    public string? FromVersion { get; init; }

    public string? ToVersion { get; init; }

    /// <summary>Whether the executor changed it (false when it already ran the target).</summary>
    public bool Changed { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why it failed (the executor's error or the health check's finding), or how its rollback went.</summary>
    public string? Detail { get; init; }

    /// <summary>The asset's health after the change, as the health check saw it.</summary>
    public string? Health { get; init; }

    /// <summary>How far its change (or rollback) had come when last reported by the platform: the platform's task and its state.</summary>
    public string? Progress { get; init; }

    /// <summary>When <see cref="Progress"/> was reported.</summary>
    public DateTimeOffset? ProgressAt { get; init; }

    public double? DurationMs => StartedAt is { } s && FinishedAt is { } f ? (f - s).TotalMilliseconds : null;
}

public enum RolloutAssetStatus
{
    Pending,
    Succeeded,
    Failed,
    RolledBack,
    RollbackFailed,
}
