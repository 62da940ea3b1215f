using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Workflows.Control;

namespace Qlrf.Workflows.Certificates;

/// <summary>
/// A certificate rotation, durably: plan (new version, usages in waves, risk from blast radius and environment) →
/// approval unless a policy lets its environments run unattended (quorum by risk, no self-approval, timeout expires it
/// and nothing runs) → issue the new version in the store → deploy it wave by wave, each usage's compensation (deploy the
/// previous version) registered first → validate every endpoint of the wave by a real TLS handshake (thumbprint, chain,
/// expiry) → on any failure roll every usage back in reverse order. Pause, resume and cancel apply between waves. The
/// orchestrator only schedules.
/// </summary>
public sealed class CertificateRotationOrchestrator : Orchestrator<RotationInput, RotationOutcome>
{
    public override async Task<RotationOutcome> RunAsync(IOrchestrationContext context, RotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var control = new OrchestrationControl(context);
        var run = new RotationRun(context, input);
        RotationPlan plan;
        try
        {
            plan = await context.CallActivityAsync<RotationPlan>(nameof(PlanRotationActivity), input, TaskOptions.FromRetryPolicy(RotationRun.StepRetry));
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

            await run.IssueAsync();
            for (var wave = 0; wave < plan.Waves.Count; wave++)
            {
                if (!await control.CheckpointAsync(_ => run.Report(RotationStatus.Paused, $"paused before wave {wave + 1}")))
                {
                    return await run.RollBackAsync(RotationStatus.Cancelled, $"cancelled by {control.Cancelled!.Actor}", NotificationEvent.Cancelled);
                }

                if (await run.DeployWaveAsync(wave, plan.Waves[wave]) is { } failure)
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
