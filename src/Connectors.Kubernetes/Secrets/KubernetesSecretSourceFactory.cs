using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;
using Qlrf.Connectors.Kubernetes.Certificates;
using Qlrf.Secrets;

namespace Qlrf.Connectors.Kubernetes.Secrets;

/// <summary>
/// Creates <c>kubernetes</c> secret sources from <c>Qlrf:Secrets:Sources:{name}</c>, with a <c>kubernetes</c> certificate
/// source's settings: <c>AssetSource</c> (a <c>kubernetes</c> asset source whose clusters to read) or <c>Clusters</c>.
/// </summary>
public sealed class KubernetesSecretSourceFactory(ILoggerFactory loggers, TimeProvider time, KubernetesClusters clusters) : ISecretSourceFactory
{
    public string Kind => SecretStoreKinds.Kubernetes;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        new KubernetesCertificateSourceFactory(loggers, time, clusters).Validate(settingPath, section);

    public ISecretSource Create(CertificateSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(section);
        return new KubernetesSecretSource(definition, KubernetesCertificateSourceFactory.ClustersOf(definition, section, clusters), time, loggers.CreateLogger<KubernetesSecretSource>());
    }
}

/// <summary>Log messages of the Kubernetes secret source (counts and names, never a value). Event ids 8190-8199.</summary>
internal static partial class KubernetesSecretLogs
{
    [LoggerMessage(EventId = 8190, Level = LogLevel.Information, Message = "Secret source {Source} read {Secrets} Opaque secrets (metadata only) of cluster {Cluster}")]
    public static partial void ClusterRead(ILogger logger, string source, int secrets, string cluster);
}
