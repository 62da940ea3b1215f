using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Workflows.Drills;

namespace Qlrf.Api.Dr;

/// <summary>The body of a drill request.</summary>
public sealed record StartDrillRequest(string? PairId, DrillKind? Kind, bool DryRun = false);

/// <summary>A decision on a drill's approval; the comment is required.</summary>
public sealed record DrillDecisionRequest(string? Comment);

/// <summary>A pause, resume or cancel, with an optional reason.</summary>
public sealed record DrillControlRequest(string? Reason);

/// <summary>A drill as the API shows it: its record, and while it runs its live phase, status and elapsed time.</summary>
public sealed record DrillResource(
    string Id,
    string PairId,
    DrillKind Kind,
    bool DryRun,
    DrillTrigger Trigger,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DrillStatus Status,
    DrillPhase Phase,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    double? ElapsedSeconds,
    double? RtoSeconds,
    double? RpoSeconds,
    string? ApprovalId,
    string? Summary,
    string? Detail,
    string Report)
{
    public static DrillResource From(DrillRecord drill, DrillCustomStatus? live, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(drill);
        var running = live is not null && !drill.Status.IsFinished();
        return new DrillResource(
            drill.Id,
            drill.PairId,
            drill.Kind,
            drill.DryRun,
            drill.Trigger,
            drill.RequestedBy,
            drill.CreatedAt,
            running ? live!.Status : drill.Status,
            running ? live!.Phase : drill.Phase,
            drill.UpdatedAt,
            drill.FinishedAt,
            drill.FinishedAt is { } done ? Math.Round((done - drill.CreatedAt).TotalSeconds, 3) : running ? Math.Round((now - live!.StartedAt).TotalSeconds, 3) : null,
            drill.Rto?.TotalSeconds,
            drill.Rpo?.TotalSeconds,
            live?.ApprovalId,
            drill.Summary,
            running ? live!.Detail : null,
            Routes.PathOf(Routes.DrDrillReport, drill.Id));
    }
}

/// <summary>A drill's approval after a decision.</summary>
public sealed record DrillApprovalResource(string ApprovalId, ApprovalStatus Status, int RequiredApprovals, IReadOnlyList<ApprovalDecision> Decisions, DateTimeOffset ExpiresAt)
{
    public static DrillApprovalResource From(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return new(approval.Id, approval.Status, approval.RequiredApprovals, approval.Decisions, approval.ExpiresAt);
    }
}
