using System.Globalization;
using System.Text;
using Qlrf.Approvals;
using Qlrf.Json;

namespace Qlrf.Dr;

/// <summary>Renders a drill report as Markdown for auditors: the facts, the objectives against their targets, then every phase, decision, failback step and observation. Pure.</summary>
public static class DrillReportMarkdown
{
    public static string Render(DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        Line(md, $"# DR drill report: {report.DrillId}");
        Line(md);
        Line(md, "| | |");
        Line(md, "|---|---|");
        Row(md, "Organisation", report.Organisation);
        Row(md, "DR pair", $"{report.Pair.Name} (`{report.Pair.Id}`)");
        Row(md, "Primary → recovery site", $"{report.Pair.PrimarySite} → {report.Pair.RecoverySite}");
        Row(md, "Environment", report.Pair.Environment);
        Row(md, "Replication", EnumText<ReplicationKind>.Of(report.Pair.Replication));
        Row(md, "Drill kind", report.Kind == DrillKind.TestFailover ? "test failover (isolated network; production untouched)" : "planned failover (production moved and returned)");
        Row(md, "Dry run", report.DryRun ? "yes (pre-check only; nothing was changed)" : "no");
        Row(md, "Triggered", report.Trigger == DrillTrigger.Schedule ? $"on schedule ({report.RequestedBy})" : $"by {report.RequestedBy}");
        Row(md, "Started", Time(report.StartedAt));
        Row(md, "Finished", Time(report.FinishedAt));
        Row(md, "Duration", DrReadinessEvaluator.Duration(report.Duration));
        Row(md, "Outcome", $"**{EnumText<DrillOutcome>.Of(report.Outcome).ToUpperInvariant()}**");
        Line(md);
        Line(md, report.Summary);
        Objectives(md, report);
        if (report.Failure is { } failure)
        {
            Line(md);
            Line(md, "## What failed");
            Line(md);
            Line(md, $"- Phase: {Phase(failure.Phase)}");
            Line(md, $"- Where: {failure.Site ?? "QL-RF (no site)"}");
            Line(md, $"- Why: {failure.Reason}");
        }

        Phases(md, report);
        Approval(md, report.Approval);
        Failback(md, report);
        Workloads(md, report);
        Control(md, report);
        Evidence(md, report);
        return md.ToString();
    }

    private static void Objectives(StringBuilder md, DrillReport report)
    {
        Line(md);
        Line(md, "## Recovery objectives");
        Line(md);
        Line(md, "| Objective | Target | Measured | Result |");
        Line(md, "|---|---|---|---|");
        Line(md, $"| RTO (failover start → workloads healthy at the recovery site) | {Span(report.Pair.RtoTarget)} | {Span(report.Rto?.Measured)} | {Met(report.Rto?.Measured, report.Rto?.Met)} |");
        Line(md, $"| RPO (replication lag at failover) | {Span(report.Pair.RpoTarget)} | {Span(report.Rpo?.Measured)} | {Met(report.Rpo?.Measured, report.Rpo?.Met)} |");
        if (report.Rto is { FailoverStartedAt: { } started } rto)
        {
            Line(md);
            Line(md, $"Failover started at {Time(started)}; the workloads were healthy at the recovery site at {Time(rto.HealthyAt)} (confirmed by a check at {Time(rto.ConfirmedAt)}).");
            if (report.Rpo?.RecoveryPointAt is { } point)
            {
                Line(md, $"The recovery site started from data as of {Time(point)}.");
            }
        }
    }

    private static void Phases(StringBuilder md, DrillReport report)
    {
        Line(md);
        Line(md, "## Phases");
        Line(md);
        Line(md, "| # | Phase | Result | Started | Finished | Detail |");
        Line(md, "|---|---|---|---|---|---|");
        foreach (var (phase, i) in report.Phases.Select((p, i) => (p, i + 1)))
        {
            Line(md, $"| {i} | {Phase(phase.Phase)} | {EnumText<PhaseOutcome>.Of(phase.Outcome)} | {Time(phase.StartedAt)} | {Time(phase.FinishedAt)} | {Cell(phase.Detail)} |");
        }
    }

    private static void Approval(StringBuilder md, ApprovalRecord? approval)
    {
        Line(md);
        Line(md, "## Approval");
        Line(md);
        if (approval is null)
        {
            Line(md, "None: the drill ended before approval.");
            return;
        }

        if (approval.Note is { } note)
        {
            Line(md, note);
        }

        if (approval.ApprovalId is null)
        {
            return;
        }

        Line(md, $"Approval `{approval.ApprovalId}`: {EnumText<ApprovalStatus>.Of(approval.Status)} ({approval.RequiredApprovals} approval{(approval.RequiredApprovals == 1 ? "" : "s")} required).");
        if (approval.Decisions.Count > 0)
        {
            Line(md);
            Line(md, "| Who | Decision | When | Channel | Comment |");
            Line(md, "|---|---|---|---|---|");
            foreach (var d in approval.Decisions)
            {
                Line(md, $"| {Cell(d.Actor)} | {EnumText<ApprovalDecisionKind>.Of(d.Decision)} | {Time(d.At)} | {Cell(d.Channel)} | {Cell(d.Comment)} |");
            }
        }
    }

    private static void Failback(StringBuilder md, DrillReport report)
    {
        Line(md);
        Line(md, "## Failback");
        Line(md);
        if (report.Restored.Count == 0)
        {
            Line(md, "Nothing to restore: the drill made no change at the recovery site.");
            return;
        }

        Line(md, "| Step | Result | Started | Finished | Detail |");
        Line(md, "|---|---|---|---|---|");
        foreach (var step in report.Restored)
        {
            Line(md, $"| {Cell(step.Step)} | {(step.Succeeded ? "restored" : "FAILED")} | {Time(step.StartedAt)} | {Time(step.FinishedAt)} | {Cell(step.Detail)} |");
        }
    }

    private static void Workloads(StringBuilder md, DrillReport report)
    {
        Line(md);
        Line(md, "## Workloads");
        Line(md);
        if (report.Workloads.Count == 0)
        {
            Line(md, "None were found.");
        }

        foreach (var w in report.Workloads)
        {
            Line(md, $"- `{w}`");
        }
    }

    private static void Control(StringBuilder md, DrillReport report)
    {
        if (report.Control.Count == 0)
        {
            return;
        }

        Line(md);
        Line(md, "## Pause, resume and cancel");
        Line(md);
        Line(md, "| When | Action | Who | Reason |");
        Line(md, "|---|---|---|---|");
        foreach (var c in report.Control)
        {
            Line(md, $"| {Time(c.AppliedAt)} | {Cell(c.Action)} | {Cell(c.Actor)} | {Cell(c.Reason)} |");
        }
    }

    private static void Evidence(StringBuilder md, DrillReport report)
    {
        Line(md);
        Line(md, "## Evidence");
        Line(md);
        Line(md, "| When | Phase | Source | Observation |");
        Line(md, "|---|---|---|---|");
        foreach (var e in report.Evidence)
        {
            Line(md, $"| {Time(e.At)} | {Phase(e.Phase)} | {Cell(e.Source)} | {Cell(e.Observation)} |");
        }
    }

    private static string Phase(DrillPhase phase) => phase switch
    {
        DrillPhase.PreCheck => "Pre-check",
        DrillPhase.ReplicationSync => "Replication sync",
        DrillPhase.PostCheck => "Post-check",
        _ => phase.ToString(),
    };

    private static string Span(TimeSpan? span) => span is { } s ? DrReadinessEvaluator.Duration(s) : "not measured";

    private static string Met(TimeSpan? measured, bool? met) => measured is null ? "not met (not measured)" : met == true ? "met" : "**NOT MET**";

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    private static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static void Row(StringBuilder md, string label, string value) => Line(md, $"| {label} | {Cell(value)} |");

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
