namespace Qlrf.Dr;

/// <summary>What a drill does at the recovery site.</summary>
public enum DrillKind
{
    /// <summary>Brings the workloads up at the recovery site in an isolated network; production stays where it is. Failback is clean-up.</summary>
    TestFailover,

    /// <summary>Moves production to the recovery site after a final sync, then fails back to the primary.</summary>
    PlannedFailover,
}

/// <summary>Who started a drill.</summary>
public enum DrillTrigger
{
    Manual,
    Schedule,
}

/// <summary>The eight phases of a drill, in order.</summary>
public enum DrillPhase
{
    PreCheck,
    Approval,
    ReplicationSync,
    Failover,
    Validation,
    Failback,
    PostCheck,
    Report,
}

/// <summary>How a phase ended.</summary>
public enum PhaseOutcome
{
    Passed,
    Failed,
    Skipped,
    NotRun,
}

/// <summary>How a drill ended.</summary>
public enum DrillOutcome
{
    Passed,
    Failed,
    Rejected,
    Expired,
    Cancelled,
}
