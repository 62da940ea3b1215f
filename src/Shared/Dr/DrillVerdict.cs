using Qlrf.Approvals;

namespace Qlrf.Dr;

/// <summary>
/// A drill's outcome. It passes only when every phase it ran passed and both RTO and RPO were measured within
/// their targets (a dry run passes on its pre-check alone). A rejection, an expired approval or a cancel
/// name the outcome themselves. Pure.
/// </summary>
public static class DrillVerdict
{
    public static DrillOutcome Decide(bool dryRun, ApprovalStatus? approval, bool cancelled, DrillFailure? failure, RtoMeasurement? rto, RpoMeasurement? rpo)
    {
        if (approval is ApprovalStatus.Rejected)
        {
            return DrillOutcome.Rejected;
        }

        if (approval is ApprovalStatus.Expired or ApprovalStatus.Withdrawn)
        {
            return DrillOutcome.Expired;
        }

        if (cancelled)
        {
            return DrillOutcome.Cancelled;
        }

        if (failure is not null)
        {
            return DrillOutcome.Failed;
        }

        if (dryRun)
        {
            return DrillOutcome.Passed;
        }

        return rto is { Met: true } && rpo is { Met: true } ? DrillOutcome.Passed : DrillOutcome.Failed;
    }
}
