using Qlrf.Approvals;

namespace Qlrf.Dr;

/// <summary>
/// The account of one drill, for operators and auditors: what was drilled and how, each phase with its
/// times, RTO and RPO measured against their targets, the outcome, who approved, what failed and where,
/// what was restored, and the evidence observed on the way.
/// </summary>
public sealed record DrillReport
{
    public required string Organisation { get; init; }

    public required string DrillId { get; init; }

    public required DrPairSummary Pair { get; init; }

    public required DrillKind Kind { get; init; }

    public bool DryRun { get; init; }

    public required DrillTrigger Trigger { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required DrillOutcome Outcome { get; init; }

    /// <summary>One line: the verdict and why.</summary>
    public required string Summary { get; init; }

    /// <summary>What failed and where; null when nothing did.</summary>
    public DrillFailure? Failure { get; init; }

    public required IReadOnlyList<PhaseRecord> Phases { get; init; }

    public RtoMeasurement? Rto { get; init; }

    public RpoMeasurement? Rpo { get; init; }

    /// <summary>The protected workloads (asset ids at the primary) the drill covered.</summary>
    public IReadOnlyList<string> Workloads { get; init; } = [];

    public ApprovalRecord? Approval { get; init; }

    /// <summary>What failback undid, in the order it ran (the reverse of the steps it undoes).</summary>
    public IReadOnlyList<RestoreRecord> Restored { get; init; } = [];

    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>Pause, resume and cancel signals applied, in order.</summary>
    public IReadOnlyList<ControlRecord> Control { get; init; } = [];

    public TimeSpan Duration => FinishedAt - StartedAt;
}

/// <summary>The pair as it was when the drill ran.</summary>
public sealed record DrPairSummary(string Id, string Name, string PrimarySite, string RecoverySite, string Environment, ReplicationKind Replication, TimeSpan RtoTarget, TimeSpan RpoTarget)
{
    public static DrPairSummary Of(DrPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new(pair.Id, pair.Name, pair.PrimarySite, pair.RecoverySite, pair.Environment, pair.Replication, pair.RtoTarget, pair.RpoTarget);
    }
}

/// <summary>A phase: how it ended, when, and what it found.</summary>
public sealed record PhaseRecord(DrillPhase Phase, PhaseOutcome Outcome, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Detail);

/// <summary>What failed: the phase, the site it failed at (if any), and why.</summary>
public sealed record DrillFailure(DrillPhase Phase, string? Site, string Reason);

/// <summary>The approval: its status, how many approvers it needed, and each decision; or why none was needed.</summary>
public sealed record ApprovalRecord(string? ApprovalId, ApprovalStatus Status, int RequiredApprovals, IReadOnlyList<ApprovalDecision> Decisions, string? Note);

/// <summary>One failback step: what it undid, whether it succeeded, and when.</summary>
public sealed record RestoreRecord(string Step, bool Succeeded, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string? Detail);

/// <summary>An observation: when, in which phase, from where (a site, a job), and what was seen.</summary>
public sealed record EvidenceItem(DateTimeOffset At, DrillPhase Phase, string Source, string Observation);

/// <summary>A pause, resume or cancel, who sent it, and why.</summary>
public sealed record ControlRecord(string Action, string Actor, string? Reason, DateTimeOffset AppliedAt);
