using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Azure;

/// <summary>Log messages of the Azure connector. Event ids 8050-8069.</summary>
internal static partial class AzureLogs
{
    [LoggerMessage(EventId = 8050, Level = LogLevel.Information, Message = "Azure {Method} {Path} failed (attempt {Attempt}: {Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 8051, Level = LogLevel.Debug, Message = "Source {Source} read {Vms} VMs and {Instances} scale-set instances of subscription {Subscription}")]
    public static partial void SubscriptionRead(ILogger logger, string source, int vms, int instances, string subscription);
}
