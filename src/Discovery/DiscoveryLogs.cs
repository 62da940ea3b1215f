using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Discovery;

/// <summary>Log messages of discovery. Event ids 1000-1099.</summary>
internal static partial class DiscoveryLogs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Sweep {RunId} of source {Source} started ({Trigger})")]
    public static partial void SweepStarted(ILogger logger, string runId, string source, SweepTrigger trigger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Sweep {RunId} of source {Source} {Status}: {Discovered} discovered, {Added} added, {Updated} updated, {Removed} removed in {ElapsedMs} ms")]
    public static partial void SweepFinished(ILogger logger, string runId, string source, SweepStatus status, int discovered, int added, int updated, int removed, long elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Sweep {RunId} of source {Source} is partial; nothing was removed. {Scope}: {Error}")]
    public static partial void SweepPartial(ILogger logger, string runId, string source, string scope, string error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Sweep {RunId} of source {Source} failed; the inventory is untouched. {Scope}: {Error}")]
    public static partial void SweepFailed(ILogger logger, string runId, string source, string scope, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Sweep of source {Source} skipped: it is already sweeping")]
    public static partial void SweepSkipped(ILogger logger, string source);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Marked {Count} sweeps left running by a stopped host as failed")]
    public static partial void InterruptedSweeps(ILogger logger, int count);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Source {Source} is sweeping; one more sweep follows when it ends")]
    public static partial void FollowUpQueued(ILogger logger, string source);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "The follow-up sweep of source {Source} did not start: {Problem}")]
    public static partial void FollowUpNotStarted(ILogger logger, string source, string problem);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Applied {Applied} of {Received} asset changes")]
    public static partial void ChangesApplied(ILogger logger, int applied, int received);
}
