using System.Collections.Concurrent;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// The <c>kubernetes</c> sources of this host, by name, with their settings: the executor finds the cluster of an
/// asset (<c>k8s://{cluster}/…</c>) among the sources of its organisation. Filled as the sources are created.
/// </summary>
public sealed class KubernetesClusters
{
    private readonly ConcurrentDictionary<string, (string Organisation, KubernetesSourceOptions Options)> sources = new(StringComparer.Ordinal);

    public void Add(string source, string organisation, KubernetesSourceOptions options) => sources[source] = (organisation, options);

    public bool IsKubernetes(string source) => sources.ContainsKey(source);

    /// <summary>The settings of the source named <paramref name="source"/> when it belongs to the organisation, or null.</summary>
    public KubernetesSourceOptions? Get(string source, string organisation) =>
        sources.TryGetValue(source, out var found) && found.Organisation == organisation ? found.Options : null;

    /// <summary>The source settings and cluster named <paramref name="cluster"/> of the organisation, or null.</summary>
    public (KubernetesSourceOptions Source, KubernetesClusterOptions Cluster)? Find(string organisation, string cluster)
    {
        foreach (var (org, options) in sources.Values)
        {
            if (org == organisation && options.Clusters.FirstOrDefault(c => string.Equals(c.Name, cluster, StringComparison.Ordinal)) is { } found)
            {
                return (options, found);
            }
        }

        return null;
    }

    /// <summary>The source settings and cluster whose site (<c>k8s-{Name}</c>) is <paramref name="site"/> among the organisation's sources, or null.</summary>
    public (KubernetesSourceOptions Source, KubernetesClusterOptions Cluster)? FindSite(string organisation, string site)
    {
        foreach (var (org, options) in sources.Values)
        {
            if (org == organisation && options.Clusters.FirstOrDefault(c => c.Name is not null && WorkloadMapper.SiteName(c.Name) == site) is { } found)
            {
                return (options, found);
            }
        }

        return null;
    }
}
