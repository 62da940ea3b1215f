using Qlrf.Dr;

namespace Qlrf.Workflows.Drills;

/// <summary>
/// What a drill orchestration is started with: the pair as it was when the drill was asked for, the kind, and
/// the settings in force then (so a change of configuration never changes a running drill's replay).
/// </summary>
public sealed record DrillInput
{
    public required string DrillId { get; init; }

    public required string Organisation { get; init; }

    public required DrPair Pair { get; init; }

    public required DrillKind Kind { get; init; }

    public bool DryRun { get; init; }

    public required DrillTrigger Trigger { get; init; }

    public required string RequestedBy { get; init; }

    /// <summary>True when no approval is needed: a scheduled test failover of a pair whose policy allows it.</summary>
    public bool Unattended { get; init; }

    public required DrillSettings Settings { get; init; }
}

/// <summary>The settings a drill runs with, taken from <c>Qlrf:Dr</c> when it starts.</summary>
public sealed record DrillSettings(
    TimeSpan ApprovalTimeout,
    int RequiredApprovals,
    TimeSpan PollInterval,
    TimeSpan JobTimeout,
    int ActivityAttempts,
    TimeSpan ActivityRetryDelay);

/// <summary>A drill's custom status: its phase and status, and how long it has run.</summary>
public sealed record DrillCustomStatus(
    DrillPhase Phase,
    DrillStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset PhaseStartedAt,
    double ElapsedSeconds,
    string? ApprovalId,
    string? Detail);
