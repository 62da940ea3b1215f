using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>Log messages of the Kubernetes certificate source. Event ids 8144-8149. Never a secret's value, nor a certificate's key.</summary>
internal static partial class KubernetesCertificateLogs
{
    [LoggerMessage(EventId = 8144, Level = LogLevel.Debug, Message = "Certificate source {Source} read {Secrets} TLS secrets, {Ingresses} ingresses and {Workloads} workloads from cluster {Cluster}")]
    public static partial void ClusterRead(ILogger logger, string source, int secrets, int ingresses, int workloads, string cluster);

    [LoggerMessage(EventId = 8145, Level = LogLevel.Warning, Message = "TLS secret {Namespace}/{Secret} of cluster {Cluster} has no readable tls.crt; its last known state is kept")]
    public static partial void UnreadableCertificate(ILogger logger, string cluster, string @namespace, string secret);

    [LoggerMessage(EventId = 8146, Level = LogLevel.Warning, Message = "Ingress host {Host} using TLS secret {Namespace}/{Secret} of cluster {Cluster} is not covered by the certificate's SANs")]
    public static partial void HostNotCovered(ILogger logger, string cluster, string @namespace, string secret, string host);

    [LoggerMessage(EventId = 8147, Level = LogLevel.Information, Message = "Wrote certificate {Thumbprint} of {CertificateId} into TLS secret {Namespace}/{Secret} of cluster {Cluster} (it held {Previous})")]
    public static partial void SecretWritten(ILogger logger, string thumbprint, string certificateId, string cluster, string @namespace, string secret, string? previous);

    [LoggerMessage(EventId = 8148, Level = LogLevel.Information, Message = "TLS secret {Namespace}/{Secret} of cluster {Cluster} already holds certificate {Thumbprint}; not written again")]
    public static partial void SecretAlreadyHolds(ILogger logger, string cluster, string @namespace, string secret, string thumbprint);

    [LoggerMessage(EventId = 8149, Level = LogLevel.Information, Message = "Restarting {Workload}, which mounts TLS secret {Namespace}/{Secret}, for certificate {Thumbprint}")]
    public static partial void WorkloadRestarting(ILogger logger, string workload, string @namespace, string secret, string thumbprint);
}
