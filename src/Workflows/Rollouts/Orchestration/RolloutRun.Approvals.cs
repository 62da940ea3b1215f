using Qlrf.Approvals;
using Qlrf.Workflows.Approvals;
using Qlrf.Json;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Orchestration;

internal sealed partial class RolloutRun
{
    /// <summary>The approval before anything runs, and the one before the waves when only the canary may run alone.</summary>
    public const string ApprovalStep = "approval";
    public const string WavesApprovalStep = "waves-approval";

    /// <summary>Whether a human approves before anything runs: always, or for risk_based when the risk is above Low.</summary>
    public static bool NeedsApprovalFirst(PlannedRollout plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Autonomy == Autonomy.ApproveAll || (plan.Autonomy == Autonomy.RiskBased && plan.RiskLevel > RiskLevel.Low);
    }

    /// <summary>
    /// Asks for approval of <paramref name="what"/> and waits for it (raced against its expiry). Returns null when
    /// approved (the rollout goes on, running); otherwise how the rollout ended, after moving back what the canary changed.
    /// </summary>
    public async Task<RolloutOutcome?> ApproveAsync(string step, string what)
    {
        var approval = new Approval
        {
            Id = $"{Id}:{step}",
            Organisation = plan.Organisation,
            Kind = "rollout",
            Subject = Id,
            RequestedBy = plan.RequestedBy,
            Environments = plan.Environments,
            RequiredApprovals = plan.RequiredApprovals,
            CreatedAt = Now,
            ExpiresAt = Now + plan.ApprovalTimeout,
        };
        var opened = await context.CallActivityAsync<Approval>(nameof(OpenApprovalActivity), approval, TaskOptions.FromRetryPolicy(StepRetry));
        var approvers = plan.RequiredApprovals == 1 ? "one approver" : Invariant($"{plan.RequiredApprovals} approvers");

        // The status, the notice and the wait start in one step (in this order, as they always have), so a decision
        // that comes as soon as the status shows is taken without waiting for the notice to be queued first.
        var awaiting = SetStatusAsync(RolloutStatus.AwaitingApproval, "system", Invariant($"{what} waits for {approvers} until {opened.ExpiresAt:u}."));
        var announced = NotifyAsync(NotificationEvent.AwaitingApproval, Invariant($"{what} needs {approvers} (risk {EnumText<RiskLevel>.Of(plan.RiskLevel)}, requested by {plan.RequestedBy})."), View(opened, what), suffix: step);
        var decided = ApprovalGate.RequestAsync(context, opened);
        await awaiting;
        var asked = await announced;
        var outcome = await decided;
        if (outcome.Approved)
        {
            // Recorded and announced at once, both before anything runs.
            await Task.WhenAll(
                SetStatusAsync(RolloutStatus.Running, "system", $"{what} approved by {outcome.DecidedBy}."),
                NotifyAsync(NotificationEvent.Approved, $"{what} approved by {outcome.DecidedBy}.", replaces: asked, suffix: step));
            return null;
        }

        var (status, notice, reason) = outcome.Status switch
        {
            ApprovalStatus.Rejected => (RolloutStatus.Rejected, NotificationEvent.Rejected, $"{what} rejected by {Rejecter(outcome)}"),
            ApprovalStatus.Expired => (RolloutStatus.Expired, NotificationEvent.Expired, Invariant($"nobody decided on {what} by {opened.ExpiresAt:u}")),
            _ => (RolloutStatus.Cancelled, NotificationEvent.Cancelled, $"the approval of {what} was withdrawn"),
        };
        var (restored, unrestored) = await UnwindAsync();
        if (restored + unrestored.Count > 0)
        {
            reason += "; " + Restored(restored, unrestored);
        }

        return await FinishAsync(unrestored.Count == 0 ? status : RolloutStatus.Failed, "system", reason + (reason.EndsWith('.') ? string.Empty : "."), notice, asked, unrestored);
    }

    /// <summary>
    /// Waits for the maintenance window to open, if the rollout has one. Returns null when it may run; how it
    /// ended (expired, nothing ran) when the window closed first.
    /// </summary>
    public async Task<RolloutOutcome?> WaitForWindowAsync()
    {
        if (plan.Schedule is not { } window)
        {
            return null;
        }

        if (Now < window.Start)
        {
            Report(Progress with { Stage = "waiting for the maintenance window" });
            await SetStatusAsync(Progress.Status, "system", Invariant($"waits for its maintenance window, {window.Start:u} to {window.End:u}."));
            await context.CreateTimer(window.Start.UtcDateTime, CancellationToken.None);
        }

        return Now < window.End
            ? null
            : await FinishAsync(RolloutStatus.Expired, "system", Invariant($"its maintenance window closed at {window.End:u} before it could start; nothing ran."), NotificationEvent.Expired);
    }

    private static string Rejecter(ApprovalOutcome outcome)
    {
        var rejection = outcome.Decisions.LastOrDefault(d => d.Decision == ApprovalDecisionKind.Reject);
        return rejection is null ? outcome.DecidedBy : $"{rejection.Actor}: \"{rejection.Comment}\"";
    }

    private ApprovalView View(Approval approval, string what) => new(
        approval.Id,
        "rollout",
        Id,
        Invariant($"Roll {plan.Target} out to {plan.Total} assets in {string.Join(", ", plan.Environments)} ({what})"),
        EnumText<RiskLevel>.Of(plan.RiskLevel),
        plan.RiskScore,
        plan.RequestedBy,
        approval.ExpiresAt,
        [
            new("Stages", string.Join(", ", plan.Stages.Select(s => Invariant($"{s.Name}: {s.AssetCount}")))),
            new("Batch size", Invariant($"{plan.Strategy.BatchSize}, health gate {plan.Strategy.HealthGate.MaxFailurePercent}% per wave")),
            new("Risk factors", plan.TopRisks.Count == 0 ? "none" : string.Join("; ", plan.TopRisks.Select(r => Invariant($"{r.Reason} (+{r.Points})")))),
            new("Approvers needed", Invariant($"{approval.RequiredApprovals}")),
            new("Policy", Invariant($"version {plan.PolicyVersion}, no violations")),
        ]);
}
