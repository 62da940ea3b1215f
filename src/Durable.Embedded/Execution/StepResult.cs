using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>How a step leaves its instance.</summary>
internal enum StepOutcome
{
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
    ContinuedAsNew,
    /// <summary>The step applied nothing (its messages were stale or the instance had finished); it only consumes them.</summary>
    Discarded,
}

/// <summary>What one step of an instance produced: its history events, the work it sends out, and its outcome.</summary>
internal sealed class StepResult
{
    public StepOutcome Outcome { get; set; }

    /// <summary>OrchestratorStarted … OrchestratorCompleted, appended to history in one transaction with the rest.</summary>
    public List<HistoryEvent> NewEvents { get; } = [];

    public List<ScheduledActivity> Activities { get; } = [];

    public List<ScheduledSubOrchestration> SubOrchestrations { get; } = [];

    /// <summary>Timers (to the instance itself) and events sent to other instances.</summary>
    public List<OutboundMessage> Messages { get; } = [];

    /// <summary>Timers cancelled by the code; their pending fire messages are deleted.</summary>
    public List<int> CancelledTimers { get; } = [];

    /// <summary>The output (Completed, Terminated) as JSON.</summary>
    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    /// <summary>ContinueAsNew: the next generation's input, and the events it inherits.</summary>
    public string? NewInput { get; set; }

    public List<OutboundMessage> CarriedOverEvents { get; } = [];

    public bool CustomStatusChanged { get; set; }

    public string? CustomStatus { get; set; }

    /// <summary>Terminated: terminate the sub-orchestrations too.</summary>
    public bool TerminateChildren { get; set; }

    public bool IsTerminal => Outcome is StepOutcome.Completed or StepOutcome.Failed or StepOutcome.Terminated;

    public static StepResult Discard() => new() { Outcome = StepOutcome.Discarded };
}

/// <summary>A step ready to commit: the lease it was taken under, what it produced, and the inbox messages it used up.</summary>
/// <param name="WorkItem">The leased instance.</param>
/// <param name="Result">The step's result; null when the lease is only released.</param>
/// <param name="ConsumedMessageIds">Messages to delete.</param>
/// <param name="Error">Why the lease is released without a step (recorded as the instance's last error).</param>
internal sealed record StepCommit(OrchestrationWorkItem WorkItem, StepResult? Result, IReadOnlyList<long> ConsumedMessageIds, string? Error = null);
