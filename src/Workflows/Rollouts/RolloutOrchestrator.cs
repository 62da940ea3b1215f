using Qlrf.Workflows.Control;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Workflows.Rollouts.Orchestration;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts;

/// <summary>
/// A rollout, durably: plan (scope, risk, policies) → a rejected plan ends here with every reason → approval
/// as the autonomy asks (N distinct approvers for high risk; a timeout expires it and nothing runs) → the
/// maintenance window's start → the canary, then the waves, batch by batch: each asset changed by the
/// executor with its compensation registered first, a health check after each batch, and a broken health
/// gate rolling back every change in reverse order → done. Pause, resume and cancel apply between batches.
/// Completion sweeps the changed sources, so drift follows. The orchestrator only schedules.
/// </summary>
public sealed class RolloutOrchestrator : Orchestrator<RolloutInput, RolloutOutcome>
{
    private static readonly RetryPolicy PlanRetry = new(3, TimeSpan.FromSeconds(2), 2);

    public override async Task<RolloutOutcome> RunAsync(IOrchestrationContext context, RolloutInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var control = new OrchestrationControl(context);
        PlannedRollout plan;
        try
        {
            plan = await context.CallActivityAsync<PlannedRollout>(nameof(PlanRolloutActivity), input, TaskOptions.FromRetryPolicy(PlanRetry));
        }
        catch (TaskFailedException ex)
        {
            var reason = "planning failed: " + ex.FailureDetails.ErrorMessage;
            await context.CallActivityAsync(nameof(SetRolloutStatusActivity), new RolloutStatusChange(input.Organisation, input.RolloutId, RolloutStatus.Failed, "system", reason));
            return new RolloutOutcome(RolloutStatus.Failed, reason, new RolloutProgress { Status = RolloutStatus.Failed });
        }

        var run = new RolloutRun(context, plan);
        try
        {
            if (plan.Violations.Count > 0)
            {
                var reasons = string.Join(" ", plan.Violations.Select(v => $"[{v.RuleId}] {v.Reason}"));
                return await run.FinishAsync(RolloutStatus.Rejected, "system", $"the plan breaks {plan.Violations.Count} {(plan.Violations.Count == 1 ? "policy" : "policies")}: {reasons}", NotificationEvent.Rejected);
            }

            if (plan.Total == 0)
            {
                return await run.FinishAsync(RolloutStatus.Completed, "system", $"nothing to change: the {plan.AlreadyOnTarget} assets in scope already run {plan.Target}.", NotificationEvent.Completed);
            }

            if (RolloutRun.NeedsApprovalFirst(plan))
            {
                if (await run.ApproveAsync(RolloutRun.ApprovalStep, "the rollout") is { } refused)
                {
                    return refused;
                }
            }
            else
            {
                await run.SetStatusAsync(RolloutStatus.Running, "system", plan.Autonomy == Autonomy.CanaryOnly
                    ? "the canary runs without approval; the waves wait for one."
                    : "low risk: runs without approval.");
            }

            return await run.WaitForWindowAsync() ?? await run.RunStagesAsync(control);
        }
        catch (TaskFailedException ex)
        {
            return await run.FailAsync(ex);
        }
    }
}
