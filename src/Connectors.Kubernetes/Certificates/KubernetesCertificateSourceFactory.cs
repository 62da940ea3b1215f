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
        return new KubernetesCertificateSource(definition, OptionsOf(section, clusters, definition.Name, definition.Organisation), time, loggers.CreateLogger<KubernetesCertificateSource>());
    }

    /// <summary>The clusters a source's section names: its own, or (looked up at each call) those of the asset source it references.</summary>
    internal static Func<KubernetesSourceOptions> OptionsOf(IConfiguration section, KubernetesClusters clusters, string source, string organisation)
    {
        var reference = section.Get<KubernetesCertificateSourceOptions>()?.AssetSource;
        if (string.IsNullOrWhiteSpace(reference))
        {
            var own = Bind(section);
            return () => own;
        }

        return () => clusters.Get(reference, organisation)
            ?? throw new ConnectorException($"Certificate source '{source}': there is no kubernetes asset source '{reference}' of organisation '{organisation}'.");
    }

    private static KubernetesSourceOptions Bind(IConfiguration section) => section.Get<KubernetesSourceOptions>() ?? new KubernetesSourceOptions();
}
