using Microsoft.Extensions.Logging;
using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes.Dr;

/// <summary>Log messages of the Kubernetes DR executor. Event ids 8150-8159 (of the connector's 8140-8159).</summary>
internal static partial class KubernetesDrLogs
{
    [LoggerMessage(EventId = 8150, Level = LogLevel.Information, Message = "{Kind} job {Key} of pair {PairId}: scaled deployment {Namespace}/{Deployment} to {Replicas}")]
    public static partial void Scaled(ILogger logger, DrJobKind kind, string key, string pairId, string @namespace, string deployment, int replicas);

    [LoggerMessage(EventId = 8151, Level = LogLevel.Debug, Message = "{Kind} job {Key} of pair {PairId}: deployment {Namespace}/{Deployment} already carries the job; not scaled again")]
    public static partial void AlreadyScaled(ILogger logger, DrJobKind kind, string key, string pairId, string @namespace, string deployment);

    [LoggerMessage(EventId = 8152, Level = LogLevel.Debug, Message = "Probed {Asset} at the recovery cluster: {Failed} of {Probes} probe(s) failed")]
    public static partial void Probed(ILogger logger, string asset, int probes, int failed);
}
