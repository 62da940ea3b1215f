namespace Qlrf.Host;

/// <summary>Log messages of the local host. Event ids 4000-4099.</summary>
internal static partial class HostLogs
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "QL-RF is serving on {Urls}")]
    public static partial void Serving(ILogger logger, string urls);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Critical, Message = "QL-RF could not start: {Problem}")]
    public static partial void StartupFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Timer function {Function} runs on schedule '{Schedule}' (setting {Setting})")]
    public static partial void TimerScheduled(ILogger logger, string function, string schedule, string setting);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "Start-up sweep of source {Source} failed to run")]
    public static partial void StartupSweepFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    public static partial void TimerFailed(ILogger logger, string function, Exception exception);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Asset-change message {MessageId} failed (delivery {Delivery}): {Error}")]
    public static partial void MessageFailed(ILogger logger, long messageId, int delivery, string error);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "The asset-change queue's consumer faulted; retrying")]
    public static partial void WorkerFaulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "The Control Tower UI is served from {Directory}")]
    public static partial void UiServed(ILogger logger, string directory);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Information, Message = "The Control Tower UI is not built ({BuildOutput} has no index.html); / says how to get it")]
    public static partial void UiNotBuilt(ILogger logger, string buildOutput);
}
