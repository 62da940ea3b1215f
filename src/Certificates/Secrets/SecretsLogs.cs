using Microsoft.Extensions.Logging;

namespace Qlrf.Secrets;

/// <summary>Log messages of the secret inventory (counts and names only, never a value). Event ids 1620-1629.</summary>
internal static partial class SecretsLogs
{
    [LoggerMessage(EventId = 1620, Level = LogLevel.Information, Message = "Secret source {Source} swept: {Secrets} secrets, {Changes} changes")]
    public static partial void Swept(ILogger logger, string source, int secrets, int changes);

    [LoggerMessage(EventId = 1621, Level = LogLevel.Error, Message = "Secret source {Source} failed to sweep")]
    public static partial void SweepFailed(ILogger logger, string source, Exception exception);
}
