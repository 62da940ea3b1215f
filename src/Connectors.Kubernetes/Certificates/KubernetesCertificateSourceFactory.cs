using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>
/// Creates <c>kubernetes</c> certificate sources from <c>Qlrf:Certificates:Sources:{name}</c>: either <c>AssetSource</c>
/// (the name of a <c>kubernetes</c> asset source of the same organisation, whose clusters and connection settings are
/// reused, looked up at each sweep) or the clusters given as an asset source gives them (<see cref="KubernetesSourceOptions"/>).
/// </summary>
public sealed class KubernetesCertificateSourceFactory(ILoggerFactory loggers, TimeProvider time, KubernetesClusters clusters) : ICertificateSourceFactory
{
    public string Kind => CertificateStoreKinds.Kubernetes;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reference = section.Get<KubernetesCertificateSourceOptions>()?.AssetSource;
        if (!string.IsNullOrWhiteSpace(reference))
        {
            return section.GetSection("Clusters").GetChildren().Any()
                ? [$"{settingPath}: give either AssetSource or Clusters, not both."]
                : [];
        }

        return KubernetesSourceOptionsValidation.Validate(settingPath, Bind(section));
    }

    public ICertificateSource Create(CertificateSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(section);
        return new KubernetesCertificateSource(definition, ClustersOf(definition, section, clusters), time, loggers.CreateLogger<KubernetesCertificateSource>());
    }

    /// <summary>The clusters a source reads: its asset source's (looked up at each sweep) or its own.</summary>
    internal static Func<KubernetesSourceOptions> ClustersOf(CertificateSourceDefinition definition, IConfiguration section, KubernetesClusters clusters) =>
        ClustersOf(definition.Name, definition.Organisation, section, clusters);

    /// <summary>The clusters source <paramref name="source"/> of <paramref name="organisation"/> reads (the deployer's view of a source).</summary>
    internal static Func<KubernetesSourceOptions> ClustersOf(string source, string organisation, IConfiguration section, KubernetesClusters clusters)
    {
        var reference = section.Get<KubernetesCertificateSourceOptions>()?.AssetSource;
        if (string.IsNullOrWhiteSpace(reference))
        {
            var own = Bind(section);
            return () => own;
        }

        return () => clusters.Get(reference, organisation)
            ?? throw new ConnectorException($"Source '{source}': there is no kubernetes asset source '{reference}' of organisation '{organisation}'.");
    }

    private static KubernetesSourceOptions Bind(IConfiguration section) => section.Get<KubernetesSourceOptions>() ?? new KubernetesSourceOptions();
}
