namespace Qlrf.Host;

/// <summary>Log messages of the local host. Event ids 4000-4099; the drill scheduler's are in the DR range (11080-11089).</summary>
internal static partial class HostLogs
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "QL-RF is serving on {Urls}")]
    public static partial void Serving(ILogger logger, string urls);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Critical, Message = "QL-RF could not start: {Problem}")]
    public static partial void StartupFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Source {Source} sweeps on schedule '{Schedule}'; next at {Next:O}")]
    public static partial void Scheduled(ILogger logger, string source, string schedule, DateTimeOffset? next);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "Scheduled sweep of source {Source} failed to run")]
    public static partial void ScheduledSweepFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Asset-change message {MessageId} failed (delivery {Delivery}): {Error}")]
    public static partial void MessageFailed(ILogger logger, long messageId, int delivery, string error);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "The asset-change queue's consumer faulted; retrying")]
    public static partial void WorkerFaulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Error, Message = "The notification worker faulted; retrying")]
    public static partial void NotificationWorkerFaulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Information, Message = "Drift snapshots are scheduled '{Schedule}'; next at {Next:O}")]
    public static partial void DriftSnapshotScheduled(ILogger logger, string schedule, DateTimeOffset? next);

    [LoggerMessage(EventId = 4033, Level = LogLevel.Error, Message = "The daily drift snapshot failed; it runs again at the next occurrence")]
    public static partial void DriftSnapshotFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11080, Level = LogLevel.Information, Message = "Scheduled drills are looked for on schedule '{Schedule}'")]
    public static partial void DrillSchedulerStarted(ILogger logger, string schedule);

    [LoggerMessage(EventId = 11081, Level = LogLevel.Error, Message = "Looking for due scheduled drills failed; it runs again at the next occurrence")]
    public static partial void DrillSchedulerFailed(ILogger logger, Exception exception);
}
