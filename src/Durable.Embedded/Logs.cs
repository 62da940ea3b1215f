using Microsoft.Extensions.Logging;

namespace Qlrf.Durable;

/// <summary>Log messages of the embedded durable runtime. Event ids 5000-5099.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Durable runtime started: {Orchestrators} orchestrators, {Activities} activities registered")]
    public static partial void RuntimeStarted(ILogger logger, int orchestrators, int activities);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Reclaimed the leases a previous process held: {Instances} instances, {Activities} activities")]
    public static partial void Reclaimed(ILogger logger, int instances, int activities);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Durable runtime stopped")]
    public static partial void RuntimeStopped(ILogger logger);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) scheduled")]
    public static partial void InstanceScheduled(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 5018, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) started, generation {Generation}")]
    public static partial void InstanceStarted(ILogger logger, string instanceId, string name, int generation);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) completed")]
    public static partial void InstanceCompleted(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Orchestration {InstanceId} ({Name}) failed: {Failure}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string name, string failure);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) terminated: {Reason}")]
    public static partial void InstanceTerminated(ILogger logger, string instanceId, string name, string? reason);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) continued as new")]
    public static partial void InstanceContinuedAsNew(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) suspended")]
    public static partial void InstanceSuspended(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) resumed")]
    public static partial void InstanceResumed(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Debug, Message = "Event {EventName} for orchestration {InstanceId} dropped: the instance is {Status}")]
    public static partial void EventDropped(ILogger logger, string eventName, string instanceId, Orchestration.OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Step of orchestration {InstanceId} was not written and will run again: {Error}")]
    public static partial void StepRejected(ILogger logger, string instanceId, string? error);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Step of orchestration {InstanceId} discarded: its lease had passed on")]
    public static partial void StepLeaseLost(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Error, Message = "Step of orchestration {InstanceId} could not run")]
    public static partial void StepCrashed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Debug, Message = "Activity {Name} (#{TaskId} of {InstanceId}) failed: {Error}")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, string error);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Result of activity {Name} (#{TaskId} of {InstanceId}) discarded: its lease had passed on (another run took it over) or its instance had finished")]
    public static partial void ActivityResultDiscarded(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Error, Message = "Activity {Name} (#{TaskId} of {InstanceId}) was dispatched {Dispatches} times without completing; failing it")]
    public static partial void ActivityPoisoned(ILogger logger, string name, int taskId, string instanceId, int dispatches);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Error, Message = "Orchestration {InstanceId} was dispatched {Dispatches} times without completing a step; failing it")]
    public static partial void OrchestrationPoisoned(ILogger logger, string instanceId, int dispatches);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "Writing {Steps} steps and {Results} activity results failed (attempt {Attempt}); retrying")]
    public static partial void CommitFailed(ILogger logger, int steps, int results, int attempt, Exception exception);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Error, Message = "An activity result for {InstanceId} (#{TaskId}) could not be written; the activity will run again when its lease expires")]
    public static partial void ActivityResultLost(ILogger logger, string instanceId, int taskId, Exception exception);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Warning, Message = "The {Dispatcher} dispatcher faulted; it carries on")]
    public static partial void DispatcherFaulted(ILogger logger, string dispatcher, Exception exception);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Warning, Message = "Renewing leases failed; they are renewed again shortly")]
    public static partial void RenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Information, Message = "Purged {Count} instances finished before {Cutoff:O} (retention {Retention})")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset cutoff, TimeSpan retention);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Warning, Message = "The retention purge failed; it runs again at the next interval")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);
}
