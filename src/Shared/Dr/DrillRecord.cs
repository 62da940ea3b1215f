namespace Qlrf.Dr;

/// <summary>
/// A drill as listings show it: what was asked, where it is now, and its measurements once known. The
/// orchestration keeps it current (an activity per phase); the full account is its <see cref="DrillReport"/>.
/// </summary>
public sealed record DrillRecord
{
    public required string Organisation { get; init; }

    /// <summary>The drill id, which is also its orchestration instance id (<c>dr-{org}-{guid}</c>).</summary>
    public required string Id { get; init; }

    public required string PairId { get; init; }

    public required DrillKind Kind { get; init; }

    public bool DryRun { get; init; }

    public required DrillTrigger Trigger { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DrillStatus Status { get; init; } = DrillStatus.Pending;

    public DrillPhase Phase { get; init; } = DrillPhase.PreCheck;

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public TimeSpan? Rto { get; init; }

    public TimeSpan? Rpo { get; init; }

    /// <summary>One line on the outcome, once finished.</summary>
    public string? Summary { get; init; }

    /// <summary>The number of the last progress update applied; a redelivered older one changes nothing.</summary>
    public int Sequence { get; init; }
}

/// <summary>A progress update from the orchestration: the status and phase from update number <see cref="Sequence"/> on.</summary>
public sealed record DrillProgressUpdate(string Organisation, string DrillId, int Sequence, DrillStatus Status, DrillPhase Phase, DateTimeOffset At, string? Detail);

/// <summary>A pair's most recent drill that ran to a verdict (passed or failed, not a dry run): what readiness looks at.</summary>
public sealed record LastDrill(string DrillId, DrillKind Kind, DrillOutcome Outcome, DateTimeOffset FinishedAt, TimeSpan? Rto, TimeSpan? Rpo);
