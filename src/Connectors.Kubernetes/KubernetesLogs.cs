using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>Log messages of the Kubernetes connector. Event ids 8140-8159.</summary>
internal static partial class KubernetesLogs
{
    [LoggerMessage(EventId = 8140, Level = LogLevel.Debug, Message = "Source {Source} read {Workloads} workloads from cluster {Cluster}")]
    public static partial void ClusterRead(ILogger logger, string source, int workloads, string cluster);
}
