using Microsoft.Extensions.Logging;
using Qlrf.Dr;

namespace Qlrf.Workflows.Drills;

/// <summary>Log messages of DR drills (11000-11039; the sandbox simulator uses 11060-11079).</summary>
internal static partial class DrLogs
{
    [LoggerMessage(EventId = 11000, Level = LogLevel.Information, Message = "Drill {Drill} of pair {Pair} in {Organisation} started: {Kind} by {RequestedBy} ({Trigger}, dry run {DryRun})")]
    public static partial void DrillStarted(ILogger logger, string drill, string pair, string organisation, DrillKind kind, string requestedBy, DrillTrigger trigger, bool dryRun);

    [LoggerMessage(EventId = 11001, Level = LogLevel.Information, Message = "Drill {Drill} entered phase {Phase} ({Status})")]
    public static partial void PhaseStarted(ILogger logger, string drill, DrillPhase phase, DrillStatus status);

    [LoggerMessage(EventId = 11002, Level = LogLevel.Information, Message = "Drill {Drill} finished {Outcome}: {Summary}")]
    public static partial void DrillFinished(ILogger logger, string drill, DrillOutcome outcome, string summary);

    [LoggerMessage(EventId = 11003, Level = LogLevel.Information, Message = "Drill {Drill} phase {Phase} failed: {Reason}")]
    public static partial void PhaseFailed(ILogger logger, string drill, DrillPhase phase, string reason);

    [LoggerMessage(EventId = 11010, Level = LogLevel.Information, Message = "Scheduled drill of pair {Pair} in {Organisation} due at {DueAt:O} started as {Drill}")]
    public static partial void ScheduledDrillStarted(ILogger logger, string pair, string organisation, DateTimeOffset dueAt, string drill);

    [LoggerMessage(EventId = 11011, Level = LogLevel.Warning, Message = "Scheduled drill of pair {Pair} in {Organisation} due at {DueAt:O} was skipped: {Reason}")]
    public static partial void ScheduledDrillSkipped(ILogger logger, string pair, string organisation, DateTimeOffset dueAt, string reason);

    [LoggerMessage(EventId = 11012, Level = LogLevel.Warning, Message = "Drill {Drill} of pair {Pair} in {Organisation} ended without a report ({Status}); it no longer holds the pair")]
    public static partial void DrillAbandoned(ILogger logger, string drill, string pair, string organisation, string status);
}
