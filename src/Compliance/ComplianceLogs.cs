using Microsoft.Extensions.Logging;

namespace Qlrf.Compliance;

/// <summary>Log messages of the compliance engine. Event ids 12000-12049.</summary>
internal static partial class ComplianceLogs
{
    [LoggerMessage(EventId = 12000, Level = LogLevel.Information, Message = "Loaded {Count} compliance frameworks from {Directory}: {Frameworks}")]
    public static partial void Loaded(ILogger logger, int count, string directory, string frameworks);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Debug, Message = "Evaluated check {Instance} for {Organisation}: {Objects} objects in {ElapsedMs} ms")]
    public static partial void Evaluated(ILogger logger, string instance, string organisation, int objects, long elapsedMs);

    [LoggerMessage(EventId = 12002, Level = LogLevel.Debug, Message = "Re-evaluated check {Instance} for {Organisation} after a change: {Upserts} objects updated, {Removed} removed")]
    public static partial void Applied(ILogger logger, string instance, string organisation, int upserts, int removed);

    [LoggerMessage(EventId = 12003, Level = LogLevel.Information, Message = "Took the daily compliance snapshot of {Organisation} for {Frameworks} frameworks")]
    public static partial void SnapshotTaken(ILogger logger, string organisation, int frameworks);
}
