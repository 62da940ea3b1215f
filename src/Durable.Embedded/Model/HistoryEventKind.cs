namespace Qlrf.Durable;

/// <summary>The events of an instance's history (Durable's names). Stored as snake_case text.</summary>
internal enum HistoryEventKind
{
    /// <summary>A step began; its timestamp is the step's CurrentUtcDateTime.</summary>
    OrchestratorStarted,
    ExecutionStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventSent,
    EventRaised,
    ExecutionSuspended,
    ExecutionResumed,
    ExecutionTerminated,
    ExecutionCompleted,
    ExecutionFailed,
    /// <summary>A step ended; every event between it and its OrchestratorStarted was written in one transaction.</summary>
    OrchestratorCompleted,
}

internal static class HistoryEventKinds
{
    /// <summary>Events that record an action the orchestrator took (and so take a sequence id).</summary>
    public static bool IsAction(this HistoryEventKind kind) =>
        kind is HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.SubOrchestrationCreated or HistoryEventKind.EventSent;

    /// <summary>Events that finish an action's task.</summary>
    public static bool IsTaskResult(this HistoryEventKind kind) =>
        kind is HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed or HistoryEventKind.TimerFired
            or HistoryEventKind.SubOrchestrationCompleted or HistoryEventKind.SubOrchestrationFailed;
}
