using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Secrets;
using Qlrf.Workflows.Control;

namespace Qlrf.Workflows.Secrets;

/// <summary>
/// A secret rotation, durably, in a certificate rotation's shape: plan (the workloads using it in waves, risk from how
/// many and where) → approval unless a policy lets its environments run unattended (the rollout rules: quorum by risk,
/// no self-approval, a timeout expires it and nothing changes) → a new version in the store, its restore registered
/// first → each wave's workloads restarted one by one, each one's restart with the previous version registered first →
/// each workload's connectivity check (TCP connect or HTTP GET expecting a status) → on any failure everything undone
/// newest first, the store's previous version current again. Pause, resume and cancel apply between waves. The
/// orchestrator only schedules.
/// </summary>
public sealed class SecretRotationOrchestrator : Orchestrator<SecretRotationInput, SecretRotationOutcome>
{
    public override async Task<SecretRotationOutcome> RunAsync(IOrchestrationContext context, SecretRotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var control = new OrchestrationControl(context);
        var run = new SecretRotationRun(context, input);
        SecretRotationPlan plan;
        try
        {
            plan = await context.CallActivityAsync<SecretRotationPlan>(nameof(PlanSecretRotationActivity), input, TaskOptions.FromRetryPolicy(SecretRotationRun.StepRetry));
        }
        catch (TaskFailedException ex)
        {
            return await run.FinishAsync(RotationStatus.Failed, "planning failed: " + ex.FailureDetails.ErrorMessage, NotificationEvent.Failed);
        }

        run.Planned(plan);
        try
        {
            if (!plan.AutoApproved)
            {
                var outcome = await run.ApproveAsync(plan);
                if (!outcome.Approved)
                {
                    return outcome.Status switch
                    {
                        ApprovalStatus.Rejected => await run.FinishAsync(RotationStatus.Rejected, $"rejected by {outcome.DecidedBy}", NotificationEvent.Rejected),
                        ApprovalStatus.Expired => await run.FinishAsync(RotationStatus.Expired, "nobody approved it in time; nothing changed", NotificationEvent.Expired),
                        _ => await run.FinishAsync(RotationStatus.Cancelled, "the approval was withdrawn; nothing changed", NotificationEvent.Cancelled),
                    };
                }
            }

            await run.AddVersionAsync();
            for (var wave = 0; wave < plan.Waves.Count; wave++)
            {
                if (!await control.CheckpointAsync(_ => run.Report(RotationStatus.Paused, $"paused before wave {wave + 1}")))
                {
                    return await run.RollBackAsync(RotationStatus.Cancelled, $"cancelled by {control.Cancelled!.Actor}", NotificationEvent.Cancelled);
                }

                if (await run.RestartWaveAsync(wave, plan.Waves[wave]) is { } failure)
                {
                    return await run.RollBackAsync(RotationStatus.RolledBack, failure, NotificationEvent.RolledBack);
                }
            }

            return await run.SucceedAsync();
        }
        catch (TaskFailedException ex)
        {
            return await run.RollBackAsync(RotationStatus.Failed, $"{ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}", NotificationEvent.Failed);
        }
    }
}
