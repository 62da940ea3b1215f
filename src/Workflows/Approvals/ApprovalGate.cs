using Qlrf.Approvals;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Approvals;

/// <summary>
/// The orchestrator side of an approval: open it, then wait for the decision as an external event raced
/// against a durable timer set to the approval's expiry. The loser is cancelled (an orphaned timer would
/// keep the instance running). When the timer wins, the approval is expired by an activity, which also
/// reports a decision that landed at the last moment.
/// </summary>
public static class ApprovalGate
{
    public static async Task<ApprovalOutcome> RequestAsync(IOrchestrationContext context, Approval approval)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(approval);
        var opened = await context.CallActivityAsync<Approval>(nameof(OpenApprovalActivity), approval);
        if (!opened.IsOpen)
        {
            return ApprovalOutcome.Of(opened);
        }

        using var cancel = new CancellationTokenSource();
        var decision = context.WaitForExternalEvent<ApprovalOutcome>(ApprovalEvents.ApprovalClosed, cancel.Token);
        var timer = context.CreateTimer(opened.ExpiresAt.UtcDateTime, cancel.Token);
        var winner = await Task.WhenAny(decision, timer);

        // Synchronously: CancelAsync runs the callbacks on the thread pool, and the orchestrator would go on
        // after its step had ended (the runtime's scheduler runs continuations only within a step).
        cancel.Cancel();
        if (winner == decision && decision.IsCompletedSuccessfully)
        {
            return decision.Result;
        }

        return await context.CallActivityAsync<ApprovalOutcome>(nameof(ExpireApprovalActivity), new ApprovalRef(opened.Organisation, opened.Id));
    }
}
