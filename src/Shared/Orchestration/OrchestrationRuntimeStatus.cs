namespace Qlrf.Orchestration;

/// <summary>Where an orchestration instance is in its life (the names Durable Functions uses).</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Created; its first step has not run yet.</summary>
    Pending,
    Running,
    /// <summary>Paused by a client; events are kept and applied, in order, on resume.</summary>
    Suspended,
    Completed,
    Failed,
    Terminated,
}

public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, Failed or Terminated: the instance will not run again (unless its id is reused).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
