using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Notifications;

namespace Qlrf.Workflows.Drills;

internal sealed partial class DrillRun
{
    /// <summary>Phase 8: the verdict, the report (stored by an activity, which also finishes the drill's record), the closing notification.</summary>
    public async Task<DrillReport> ReportAsync()
    {
        (phase, status, phaseStartedAt) = (DrillPhase.Report, DrillStatus.Running, Now);
        journal.Begin(DrillPhase.Report, Now);
        if (input.DryRun && journal.Failure is null)
        {
            foreach (var skipped in new[] { DrillPhase.Approval, DrillPhase.ReplicationSync, DrillPhase.Failover, DrillPhase.Validation, DrillPhase.Failback, DrillPhase.PostCheck })
            {
                journal.Skip(skipped, "Dry run: nothing was changed.");
            }
        }

        var outcome = DrillVerdict.Decide(input.DryRun, approvalOutcome?.Status, control.Cancelled is not null, journal.Failure, rto, rpo);
        var summary = Summary(outcome);
        journal.Pass(DrillPhase.Report, Now, "Report stored.");
        var header = new DrillReportHeader(
            input.Organisation, input.DrillId, DrPairSummary.Of(Pair), input.Kind, input.DryRun, input.Trigger, input.RequestedBy, startedAt, workloads, approval);
        var report = journal.Build(header, outcome, summary, rto, rpo, Now);
        await context.CallActivityAsync<bool>(nameof(FinishDrillActivity), report, retry);
        if (outcome is not (DrillOutcome.Rejected or DrillOutcome.Expired))
        {
            var what = outcome switch
            {
                DrillOutcome.Passed => NotificationEvent.Completed,
                DrillOutcome.Cancelled => NotificationEvent.Cancelled,
                _ => NotificationEvent.Failed,
            };
            await NotifyAsync($"{input.DrillId}:finished", what, $"DR drill {input.DrillId} ({Describe()}): {summary}");
        }

        status = outcome.ToStatus();
        SetStatus(summary);
        return report;
    }

    private string Summary(DrillOutcome outcome)
    {
        var restored = journal.Restored.Count == 0
            ? ""
            : journal.Restored.All(r => r.Succeeded)
                ? $" Failback restored: {string.Join("; ", journal.Restored.Select(r => r.Step))}."
                : $" Failback did not complete: {string.Join("; ", journal.Restored.Where(r => !r.Succeeded).Select(r => $"{r.Step}: {r.Detail}"))}.";
        var measured = rto is null && rpo is null
            ? ""
            : $" RTO {Duration(rto?.Measured)} (target {Duration(Pair.RtoTarget)}), RPO {Duration(rpo?.Measured)} (target {Duration(Pair.RpoTarget)}).";
        return outcome switch
        {
            DrillOutcome.Passed when input.DryRun => $"Dry run passed: {preCheckSummary}",
            DrillOutcome.Passed => $"Passed: {Describe()}.{measured}{restored}",
            DrillOutcome.Rejected or DrillOutcome.Expired => $"The drill {Decided(approvalOutcome!)}; nothing was changed.",
            DrillOutcome.Cancelled => $"Cancelled by {control.Cancelled!.Actor} during {Json.EnumText<DrillPhase>.Of(journal.Current)}{(control.Cancelled.Reason is { } r ? $" ({r})" : "")}.{measured}{restored}",
            _ when journal.Failure is { } f => $"Failed in {Json.EnumText<DrillPhase>.Of(f.Phase)}{(f.Site is { } s ? " at " + s : "")}: {f.Reason}{measured}{restored}",
            _ => $"Failed: the measurements were not taken.{measured}{restored}",
        };
    }
}
