using Microsoft.Extensions.Logging;

namespace Qlrf.Ai;

internal static partial class AiLogs
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "AI task {TaskId} of {Organisation} planned by {Planner}: {Intent}, {Status}")]
    public static partial void TaskPlanned(ILogger logger, string taskId, string organisation, AiIntent intent, AiTaskStatus status, string planner);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "AI task {TaskId} of {Organisation} decided by {Actor}: approved {Approved}")]
    public static partial void TaskDecided(ILogger logger, string taskId, string organisation, string actor, bool approved);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "AI task {TaskId} of {Organisation} proposed {Kind} {WorkflowId}")]
    public static partial void ProposalStarted(ILogger logger, string taskId, string organisation, string kind, string workflowId);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "AI task {TaskId} of {Organisation}: proposal {Index} could not be made: {Reason}")]
    public static partial void ProposalFailed(ILogger logger, string taskId, string organisation, int index, string reason);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "AI task {TaskId} of {Organisation} ended {Status}")]
    public static partial void TaskEnded(ILogger logger, string taskId, string organisation, AiTaskStatus status);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "The model endpoint answered {Status}; retrying after {Delay}")]
    public static partial void ModelRetry(ILogger logger, int status, TimeSpan delay);
}
