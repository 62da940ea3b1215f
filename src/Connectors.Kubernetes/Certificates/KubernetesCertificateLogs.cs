using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>Log messages of the Kubernetes certificate source. Event ids 8144-8149. Never a secret's value.</summary>
internal static partial class KubernetesCertificateLogs
{
    [LoggerMessage(EventId = 8144, Level = LogLevel.Debug, Message = "Certificate source {Source} read {Secrets} TLS secrets, {Ingresses} ingresses and {Workloads} workloads from cluster {Cluster}")]
    public static partial void ClusterRead(ILogger logger, string source, int secrets, int ingresses, int workloads, string cluster);

    [LoggerMessage(EventId = 8145, Level = LogLevel.Warning, Message = "TLS secret {Namespace}/{Secret} of cluster {Cluster} has no readable tls.crt; its last known state is kept")]
    public static partial void UnreadableCertificate(ILogger logger, string cluster, string @namespace, string secret);

    [LoggerMessage(EventId = 8146, Level = LogLevel.Warning, Message = "Ingress host {Host} using TLS secret {Namespace}/{Secret} of cluster {Cluster} is not covered by the certificate's SANs")]
    public static partial void HostNotCovered(ILogger logger, string cluster, string @namespace, string secret, string host);
}
