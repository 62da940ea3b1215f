using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>Log messages of the Kubernetes connector. Event ids 8140-8159.</summary>
internal static partial class KubernetesLogs
{
    [LoggerMessage(EventId = 8140, Level = LogLevel.Debug, Message = "Source {Source} read {Workloads} workloads from cluster {Cluster}")]
    public static partial void ClusterRead(ILogger logger, string source, int workloads, string cluster);

    [LoggerMessage(EventId = 8142, Level = LogLevel.Information, Message = "Patched {Asset} container {Container} to image {Image} (change {IdempotencyKey})")]
    public static partial void ImagePatched(ILogger logger, string asset, string container, string image, string idempotencyKey);

    [LoggerMessage(EventId = 8143, Level = LogLevel.Debug, Message = "{Asset} already runs image {Image}; waiting for its rollout only")]
    public static partial void ImageAlreadyApplied(ILogger logger, string asset, string image);
}
