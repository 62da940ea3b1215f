namespace Qlrf.Dr;

/// <summary>Where a drill is: live (pending, running, awaiting approval, paused) or finished (its outcome).</summary>
public enum DrillStatus
{
    Pending,
    Running,
    AwaitingApproval,
    Paused,
    Passed,
    Failed,
    Rejected,
    Expired,
    Cancelled,
}

public static class DrillStatusExtensions
{
    public static bool IsFinished(this DrillStatus status) => status >= DrillStatus.Passed;

    public static DrillStatus ToStatus(this DrillOutcome outcome) => outcome switch
    {
        DrillOutcome.Passed => DrillStatus.Passed,
        DrillOutcome.Failed => DrillStatus.Failed,
        DrillOutcome.Rejected => DrillStatus.Rejected,
        DrillOutcome.Expired => DrillStatus.Expired,
        _ => DrillStatus.Cancelled,
    };
}
