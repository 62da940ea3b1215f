namespace Qlrf.Ai.Tasks;

/// <summary>The AI task orchestration's input: which task, whether it waits for a decision, and its timings.</summary>
public sealed record AiTaskInput(string Organisation, string TaskId, bool AwaitApproval, TimeSpan ApprovalTimeout, TimeSpan FollowInterval, TimeSpan FollowTimeout);

/// <summary>The decision event a task waits for (raised by approve and reject).</summary>
public sealed record AiTaskDecisionEvent(bool Approved, string Actor);

/// <summary>An activity's input: the task, and for the finish the status it ends in (null: completed).</summary>
public sealed record AiTaskStep(string Organisation, string TaskId, AiTaskStatus? Outcome = null);

/// <summary>What following the proposals found: whether every one has ended, and the task's proposals now.</summary>
public sealed record AiFollowResult(bool AllFinished, IReadOnlyList<AiProposal> Proposals);

/// <summary>What a running task shows as its custom status.</summary>
public sealed record AiTaskCustomStatus(string Phase, IReadOnlyList<AiProposal> Proposals);

public static class AiTaskEvents
{
    public const string Decision = "AiTaskDecision";
}
