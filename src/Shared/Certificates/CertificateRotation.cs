namespace Qlrf.Certificates;

/// <summary>A certificate rotation: its plan, approval, the new version, per-usage progress and outcome.</summary>
public sealed record CertificateRotation
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required string CertificateId { get; init; }

    public required string RequestedBy { get; init; }

    public string? IdempotencyKey { get; init; }

    public string? Reason { get; init; }

    public int? ValidityDays { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public RotationStatus Status { get; init; } = RotationStatus.Planning;

    public RotationPlan? Plan { get; init; }

    public string? ApprovalId { get; init; }

    public string? PreviousThumbprint { get; init; }

    public string? NewThumbprint { get; init; }

    public DateTimeOffset? NewNotAfter { get; init; }

    /// <summary>Per usage target: what happened (deployed, validated, rolled back, failed: why).</summary>
    public IReadOnlyList<RotationStep> Steps { get; init; } = [];

    public string? Error { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsTerminal => Status.IsTerminal();
}

/// <summary>One thing a rotation did to one usage.</summary>
public sealed record RotationStep(string Target, string Action, bool Succeeded, string? Detail, DateTimeOffset At);

/// <summary>Which rotation statuses end a rotation (certificate and secret rotations alike).</summary>
public static class RotationStatuses
{
    public static bool IsTerminal(this RotationStatus status) => status is RotationStatus.Succeeded or RotationStatus.RolledBack
        or RotationStatus.Rejected or RotationStatus.Expired or RotationStatus.Cancelled or RotationStatus.Failed;
}

public enum RotationStatus
{
    Planning,
    AwaitingApproval,
    Issuing,
    Deploying,
    Validating,
    Paused,
    RollingBack,
    Succeeded,
    RolledBack,
    Rejected,
    Expired,
    Cancelled,
    Failed,
}
