using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors;

/// <summary>Log messages shared by the connectors. Event ids 8000-8019. No message carries a credential.</summary>
internal static partial class ConnectorLogs
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "{Connector} {Operation} was throttled (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void Throttled(ILogger logger, string connector, string operation, int attempt, long delayMs);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "{Connector} {Operation} failed transiently (attempt {Attempt}: {Reason}); retrying in {DelayMs} ms")]
    public static partial void Transient(ILogger logger, string connector, string operation, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Source {Source} could not read {Scope}: {Error}")]
    public static partial void ScopeFailed(ILogger logger, string source, string scope, string error);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Debug, Message = "Source {Source} read {Scope}: {Assets} assets")]
    public static partial void ScopeRead(ILogger logger, string source, string scope, int assets);
}
