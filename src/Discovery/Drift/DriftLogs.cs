using Microsoft.Extensions.Logging;
using Qlrf.Drift;

namespace Qlrf.Discovery.Drift;

/// <summary>Log messages of drift. Event ids 7000-7049 (images use 7050-7099).</summary>
internal static partial class DriftLogs
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "Reconciled drift of {Assets} assets of {Organisation}; {Changed} changed")]
    public static partial void Reconciled(ILogger logger, int assets, string organisation, int changed);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Re-evaluated drift of family {Family} in {Organisation}: {Changed} assets changed in {ElapsedMs} ms")]
    public static partial void Reevaluated(ILogger logger, string family, string organisation, int changed, long elapsedMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Took a {Trigger} drift snapshot {SnapshotId} of {Organisation} ({Groups} groups)")]
    public static partial void SnapshotTaken(ILogger logger, SnapshotTrigger trigger, string snapshotId, string organisation, int groups);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Pruned {Count} drift snapshots older than {Before:O}")]
    public static partial void SnapshotsPruned(ILogger logger, int count, DateTimeOffset before);
}
