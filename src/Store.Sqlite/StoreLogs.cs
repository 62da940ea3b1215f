using Microsoft.Extensions.Logging;

namespace Qlrf.Store.Sqlite;

/// <summary>Log messages of the SQLite store. Event ids 2000-2099.</summary>
internal static partial class StoreLogs
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Opened the store at {Path} (WAL, synchronous={Synchronous})")]
    public static partial void Opened(ILogger logger, string path, SqliteSynchronous synchronous);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Applied schema step {Module} v{Version}")]
    public static partial void Migrated(ILogger logger, string module, int version);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Reclaimed {Count} queue messages left in flight by a previous host")]
    public static partial void Reclaimed(ILogger logger, int count);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Dead-lettered queue message {MessageId} on {Queue} after {Deliveries} deliveries: {Error}")]
    public static partial void DeadLettered(ILogger logger, long messageId, string queue, int deliveries, string error);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "The WAL holds {Frames} pages of which only {Copied} could be copied back (readers hold it); truncating it, which holds writes back until they finish")]
    public static partial void WalOverCap(ILogger logger, long frames, long copied);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "WAL checkpoint failed (SQLite error {Code}): {Error}; trying again on the next pass")]
    public static partial void CheckpointFailed(ILogger logger, int code, string error);
}
