using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Aws;

/// <summary>Log messages of the AWS connector. Event ids 8020-8039.</summary>
internal static partial class AwsLogs
{
    [LoggerMessage(EventId = 8020, Level = LogLevel.Debug, Message = "Source {Source} read {Instances} instances in region {Region} of account {Account} ({Pages} pages, {Images} AMIs looked up)")]
    public static partial void RegionRead(ILogger logger, string source, int instances, string region, string account, int pages, int images);
}
