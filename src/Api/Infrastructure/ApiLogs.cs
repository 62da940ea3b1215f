using Microsoft.Extensions.Logging;

namespace Qlrf.Api.Infrastructure;

/// <summary>Log messages of the HTTP API. Event ids 3000-3099.</summary>
internal static partial class ApiLogs
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);
}
