using System.Globalization;
using Qlrf.Approvals;
using Qlrf.Workflows.Approvals;
using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Workflows.Notifications;
using Qlrf.Notifications;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills;

internal sealed partial class DrillRun
{
    /// <summary>Enters a phase: journal, custom status, and the drill's record (for listings and audit).</summary>
    private async Task BeginAsync(DrillPhase next, DrillStatus nextStatus, string? detail = null)
    {
        (phase, status, phaseStartedAt) = (next, nextStatus, Now);
        journal.Begin(next, Now);
        SetStatus(detail);
        DrLogs.PhaseStarted(logger, input.DrillId, next, nextStatus);
        await RecordAsync(detail);
    }

    private Task<bool> RecordAsync(string? detail) =>
        context.CallActivityAsync<bool>(nameof(RecordDrillProgressActivity), new DrillProgressUpdate(input.Organisation, input.DrillId, ++sequence, status, phase, Now, detail), retry);

    private void SetStatus(string? detail = null) =>
        context.SetCustomStatus(new DrillCustomStatus(phase, status, startedAt, phaseStartedAt, Math.Round((Now - startedAt).TotalSeconds, 3), approvalId, detail));

    /// <summary>A safe point between phases: applies pause, resume and cancel. False when the drill is cancelled.</summary>
    private async Task<bool> CheckpointAsync()
    {
        var running = status;
        var go = await control.CheckpointAsync(signal =>
        {
            NoteControl();
            status = DrillStatus.Paused;
            SetStatus($"paused by {signal.Actor}{(signal.Reason is { } r ? ": " + r : "")}");
        });
        var paused = status == DrillStatus.Paused;
        NoteControl();
        status = running;
        if (paused)
        {
            SetStatus();
            await RecordAsync(go ? "resumed" : "cancelled while paused");
        }

        if (control.Cancelled is { } cancel)
        {
            journal.Observe(Now, phase, cancel.Actor, $"cancelled{(cancel.Reason is { } why ? ": " + why : "")}");
        }

        return go;
    }

    private void NoteControl()
    {
        foreach (var signal in control.Applied.Skip(controlSeen))
        {
            journal.Controlled(Json.EnumText<ControlAction>.Of(signal.Action), signal.Actor, signal.Reason, Now);
        }

        controlSeen = control.Applied.Count;
    }

    private void Fail(DrillPhase failed, string reason, string? site)
    {
        journal.Fail(failed, Now, reason, site);
        DrLogs.PhaseFailed(logger, input.DrillId, failed, reason);
    }

    private void Observe(DrSiteStatus? primary, DrSiteStatus? recovery, ReplicationStatus? replication)
    {
        foreach (var site in new[] { primary, recovery }.OfType<DrSiteStatus>())
        {
            journal.Observe(site.CheckedAt, phase, site.Site, site.Healthy ? "healthy" : $"unhealthy: {site.Detail}");
        }

        if (replication is not null)
        {
            journal.Observe(replication.MeasuredAt, phase, $"replication → {Pair.RecoverySite}", $"{Json.EnumText<ReplicationState>.Of(replication.State)}, lag {Duration(replication.Lag)}{(replication.Detail is { } d ? $" ({d})" : "")}");
        }
    }

    private Approval ApprovalRequest() => new()
    {
        Id = $"{input.DrillId}:approval",
        Organisation = input.Organisation,
        Kind = "drill",
        Subject = input.DrillId,
        RequestedBy = input.RequestedBy,
        Environments = [Pair.Environment],
        RequiredApprovals = input.Settings.RequiredApprovals,
        CreatedAt = Now,
        ExpiresAt = Now + input.Settings.ApprovalTimeout,
    };

    private ApprovalView View(Approval opened) => new(
        opened.Id,
        "drill",
        input.DrillId,
        Describe(),
        Test ? "Medium" : "High",
        Test ? 40 : 70,
        input.RequestedBy,
        opened.ExpiresAt,
        [
            new("DR pair", $"{Pair.Name} ({Pair.Id})"),
            new("Sites", $"{Pair.PrimarySite} → {Pair.RecoverySite}"),
            new("Environment", Pair.Environment),
            new("Workloads", workloads.Count.ToString(CultureInfo.InvariantCulture)),
            new("RTO / RPO targets", $"{Duration(Pair.RtoTarget)} / {Duration(Pair.RpoTarget)}"),
            new("Approvals needed", opened.RequiredApprovals.ToString(CultureInfo.InvariantCulture)),
        ]);

    private Task<bool> NotifyAsync(string id, NotificationEvent what, string text, ApprovalView? view = null, string? replaces = null) =>
        context.CallActivityAsync<bool>(nameof(NotifyActivity), new Notification
        {
            Id = id,
            Organisation = input.Organisation,
            Event = what,
            Subject = input.DrillId,
            Text = text,
            Approval = view,
            Replaces = replaces,
            Data = new Dictionary<string, string>
            {
                ["kind"] = "drill",
                ["pair"] = Pair.Id,
                ["drillKind"] = Json.EnumText<DrillKind>.Of(input.Kind),
            },
            CreatedAt = Now,
        }, retry);

    private string Describe() =>
        $"{(Test ? "test failover" : "planned failover")} of {Pair.Name} ({Pair.Id}) from {Pair.PrimarySite} to {Pair.RecoverySite}{(input.Trigger == DrillTrigger.Schedule ? " (scheduled)" : "")}";

    private string Decided(ApprovalOutcome outcome) => outcome.Status switch
    {
        ApprovalStatus.Approved => $"was approved by {outcome.DecidedBy}",
        ApprovalStatus.Rejected => $"was rejected by {outcome.DecidedBy}{(outcome.Decisions.LastOrDefault(d => d.Decision == ApprovalDecisionKind.Reject) is { } r ? $" ({r.Comment})" : "")}",
        _ => $"expired: nobody decided within {Duration(input.Settings.ApprovalTimeout)}",
    };

    private static NotificationEvent EventOf(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => NotificationEvent.Approved,
        ApprovalStatus.Rejected => NotificationEvent.Rejected,
        _ => NotificationEvent.Expired,
    };

    private static string Reason(TaskFailedException ex) => Innermost(ex.FailureDetails);

    private static string Innermost(TaskFailureDetails failure) => failure.InnerFailure is { } inner ? Innermost(inner) : failure.ErrorMessage;

    private static string Duration(TimeSpan? span) => span is { } s ? DrReadinessEvaluator.Duration(s) : "unknown";

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    private static DateTimeOffset At(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
