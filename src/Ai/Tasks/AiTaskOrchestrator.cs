using Qlrf.Orchestration;

namespace Qlrf.Ai.Tasks;

/// <summary>
/// An AI task after planning: waits for a person's decision raced against a durable timer (the loser is cancelled;
/// a timeout expires the task and nothing is proposed), makes the proposals through the existing workflows, follows them
/// to their end on a durable timer, and writes the summary. It only schedules; every effect is an activity.
/// </summary>
public sealed class AiTaskOrchestrator : Orchestrator<AiTaskInput, AiTaskStatus>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public override async Task<AiTaskStatus> RunAsync(IOrchestrationContext context, AiTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var step = new AiTaskStep(input.Organisation, input.TaskId);
        if (input.AwaitApproval)
        {
            context.SetCustomStatus(new AiTaskCustomStatus("awaiting_approval", []));
            AiTaskDecisionEvent? decision = null;
            try
            {
                decision = await context.WaitForExternalEvent<AiTaskDecisionEvent>(AiTaskEvents.Decision, input.ApprovalTimeout);
            }
            catch (TaskCanceledException)
            {
                // Nobody decided in time.
            }

            if (decision is null)
            {
                var now = await context.CallActivityAsync<AiTaskStatus>(nameof(ExpireAiTaskActivity), step, Retry);
                if (now != AiTaskStatus.Running)
                {
                    return now;
                }
            }
            else if (!decision.Approved)
            {
                return AiTaskStatus.Rejected;
            }
        }

        context.SetCustomStatus(new AiTaskCustomStatus("proposing", []));
        var follow = await context.CallActivityAsync<AiFollowResult>(nameof(StartAiProposalsActivity), step, Retry);
        var deadline = context.CurrentUtcDateTime + input.FollowTimeout;
        while (!follow.AllFinished && context.CurrentUtcDateTime < deadline)
        {
            context.SetCustomStatus(new AiTaskCustomStatus("following", follow.Proposals));
            await context.CreateTimer(input.FollowInterval, CancellationToken.None);
            follow = await context.CallActivityAsync<AiFollowResult>(nameof(FollowAiProposalsActivity), step, Retry);
        }

        context.SetCustomStatus(new AiTaskCustomStatus("finished", follow.Proposals));
        return await context.CallActivityAsync<AiTaskStatus>(nameof(FinishAiTaskActivity), step, Retry);
    }
}
