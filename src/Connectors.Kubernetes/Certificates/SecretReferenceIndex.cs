using k8s;
using k8s.Models;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>
/// Which ingresses and workloads of one cluster reference which secrets: an ingress through <c>spec.tls[].secretName</c>;
/// a Deployment, StatefulSet or DaemonSet through its pod template (a <c>secret</c> or projected volume, a container's
/// <c>env[].valueFrom.secretKeyRef</c> or <c>envFrom[].secretRef</c>, init containers included). Keys are
/// <c>{namespace}/{secret}</c>; ingresses are <c>{cluster}/{namespace}/{name}</c>, workloads their asset ids
/// (<c>k8s://{cluster}/{namespace}/{kind}/{name}</c>).
/// </summary>
internal sealed class SecretReferenceIndex(string cluster)
{
    private readonly Dictionary<string, SortedSet<string>> ingresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> workloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> hosts = new(StringComparer.Ordinal);

    public void AddIngress(V1Ingress ingress)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        var ns = ingress.Metadata?.NamespaceProperty ?? "default";
        var name = ingress.Metadata?.Name ?? throw new FormatException("an ingress has no metadata.name.");
        foreach (var tls in ingress.Spec?.Tls ?? [])
        {
            if (string.IsNullOrEmpty(tls.SecretName))
            {
                continue;
            }

            Add(ingresses, ns, tls.SecretName, $"{cluster}/{ns}/{name}");
            foreach (var host in tls.Hosts ?? [])
            {
                Add(hosts, ns, tls.SecretName, host);
            }
        }
    }

    /// <summary>Adds a workload's references; <paramref name="kind"/> is <c>deployment</c>, <c>statefulset</c> or <c>daemonset</c>.</summary>
    public void AddWorkload(string kind, V1ObjectMeta? metadata, V1PodSpec? pod)
    {
        var ns = metadata?.NamespaceProperty ?? "default";
        var name = metadata?.Name ?? throw new FormatException($"a {kind} has no metadata.name.");
        var id = $"k8s://{cluster}/{ns}/{kind}/{name}";
        foreach (var secret in SecretsOf(pod))
        {
            Add(workloads, ns, secret, id);
        }
    }

    /// <summary>Lists the Deployments, StatefulSets and DaemonSets of a namespace (every one when null) and adds their references; returns how many.</summary>
    public async Task<int> ReadWorkloadsAsync(k8s.Kubernetes client, int limit, string? ns, CancellationToken cancellationToken)
    {
        var apps = client.AppsV1;
        var deployments = await KubernetesPages.ReadAllAsync(
            $"list deployments {cluster}",
            async next => ns is null
                ? await apps.ListDeploymentForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: cancellationToken)
                : await apps.ListNamespacedDeploymentAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken),
            l => l.Items,
            l => l.Metadata);
        var statefulSets = await KubernetesPages.ReadAllAsync(
            $"list statefulsets {cluster}",
            async next => ns is null
                ? await apps.ListStatefulSetForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: cancellationToken)
                : await apps.ListNamespacedStatefulSetAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken),
            l => l.Items,
            l => l.Metadata);
        var daemonSets = await KubernetesPages.ReadAllAsync(
            $"list daemonsets {cluster}",
            async next => ns is null
                ? await apps.ListDaemonSetForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: cancellationToken)
                : await apps.ListNamespacedDaemonSetAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken),
            l => l.Items,
            l => l.Metadata);
        deployments.ForEach(d => AddWorkload("deployment", d.Metadata, d.Spec?.Template?.Spec));
        statefulSets.ForEach(s => AddWorkload("statefulset", s.Metadata, s.Spec?.Template?.Spec));
        daemonSets.ForEach(s => AddWorkload("daemonset", s.Metadata, s.Spec?.Template?.Spec));
        return deployments.Count + statefulSets.Count + daemonSets.Count;
    }

    public IReadOnlyList<string> IngressesOf(string ns, string secret) => Get(ingresses, ns, secret);

    public IReadOnlyList<string> WorkloadsOf(string ns, string secret) => Get(workloads, ns, secret);

    /// <summary>The host names the ingresses serve with the secret.</summary>
    public IReadOnlyList<string> HostsOf(string ns, string secret) => Get(hosts, ns, secret);

    /// <summary>The secrets a pod spec references, by name.</summary>
    internal static IEnumerable<string> SecretsOf(V1PodSpec? pod)
    {
        if (pod is null)
        {
            yield break;
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.Secret?.SecretName is { Length: > 0 } secret)
            {
                yield return secret;
            }

            foreach (var source in volume.Projected?.Sources ?? [])
            {
                if (source.Secret?.Name is { Length: > 0 } projected)
                {
                    yield return projected;
                }
            }
        }

        foreach (var container in (pod.Containers ?? []).Concat(pod.InitContainers ?? []))
        {
            foreach (var env in container.Env ?? [])
            {
                if (env.ValueFrom?.SecretKeyRef?.Name is { Length: > 0 } secret)
                {
                    yield return secret;
                }
            }

            foreach (var from in container.EnvFrom ?? [])
            {
                if (from.SecretRef?.Name is { Length: > 0 } secret)
                {
                    yield return secret;
                }
            }
        }
    }

    private static void Add(Dictionary<string, SortedSet<string>> index, string ns, string secret, string value)
    {
        var key = $"{ns}/{secret}";
        if (!index.TryGetValue(key, out var set))
        {
            index[key] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    private static IReadOnlyList<string> Get(Dictionary<string, SortedSet<string>> index, string ns, string secret) =>
        index.TryGetValue($"{ns}/{secret}", out var set) ? [.. set] : [];
}
