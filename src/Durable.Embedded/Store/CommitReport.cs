namespace Qlrf.Durable;

/// <summary>How a step's commit went.</summary>
internal enum CommitStatus
{
    Committed,
    /// <summary>The instance's lease had passed to another dispatch: nothing was written.</summary>
    LeaseLost,
    /// <summary>Writing the step failed; its lease was released with the error recorded, and it will be dispatched again.</summary>
    Rejected,
}

/// <summary>What one commit transaction did, for the dispatchers to signal and log after it.</summary>
internal sealed class CommitReport
{
    public List<(CommitStatus Status, string? Error)> Steps { get; } = [];

    /// <summary>For each activity result, in order: true if written, false if discarded (a duplicate or late result).</summary>
    public List<bool> ActivityResults { get; } = [];

    public bool ScheduledActivities { get; set; }

    public bool SentMessages { get; set; }
}
