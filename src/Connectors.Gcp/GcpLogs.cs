using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Gcp;

/// <summary>Log messages of the GCP connector. Event ids 8080-8099.</summary>
internal static partial class GcpLogs
{
    [LoggerMessage(EventId = 8080, Level = LogLevel.Debug, Message = "Source {Source} read {Instances} instances of project {Project} ({Images} images looked up)")]
    public static partial void ProjectRead(ILogger logger, string source, int instances, string project, int images);
}
