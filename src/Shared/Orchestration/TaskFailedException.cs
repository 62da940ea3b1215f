namespace Qlrf.Orchestration;

/// <summary>Thrown into orchestrator code when an activity or sub-orchestration it awaits has failed.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }

    /// <summary>The task's sequence id within its orchestration.</summary>
    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}
