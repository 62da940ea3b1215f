using k8s;
using k8s.Models;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// One page of a chunked list of apps/v1 workloads through KubernetesClient (<c>limit</c> and <c>continue</c>), in
/// one namespace or all, turned into what <see cref="WorkloadMapper"/> reads.
/// </summary>
internal static class KubernetesWorkloadLists
{
    public static async Task<(IReadOnlyList<Workload> Items, string? Continue)> ListAsync(
        IKubernetes client, string resource, string? ns, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var apps = client.AppsV1;
        return resource switch
        {
            "deployments" => Page(
                ns is null
                    ? await apps.ListDeploymentForAllNamespacesAsync(continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken)
                    : await apps.ListNamespacedDeploymentAsync(ns, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken),
                l => l.Items,
                l => l.Metadata,
                d => new Workload(Meta(d.Metadata), Spec(d.Spec?.Replicas, d.Spec?.Template), new WorkloadStatus(d.Status?.Replicas, d.Status?.ReadyReplicas, null, null))),
            "statefulsets" => Page(
                ns is null
                    ? await apps.ListStatefulSetForAllNamespacesAsync(continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken)
                    : await apps.ListNamespacedStatefulSetAsync(ns, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken),
                l => l.Items,
                l => l.Metadata,
                s => new Workload(Meta(s.Metadata), Spec(s.Spec?.Replicas, s.Spec?.Template), new WorkloadStatus(s.Status?.Replicas, s.Status?.ReadyReplicas, null, null))),
            _ => Page(
                ns is null
                    ? await apps.ListDaemonSetForAllNamespacesAsync(continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken)
                    : await apps.ListNamespacedDaemonSetAsync(ns, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken),
                l => l.Items,
                l => l.Metadata,
                s => new Workload(Meta(s.Metadata), Spec(null, s.Spec?.Template), new WorkloadStatus(null, null, s.Status?.DesiredNumberScheduled, s.Status?.NumberReady))),
        };
    }

    private static (IReadOnlyList<Workload>, string?) Page<TList, TItem>(TList list, Func<TList, IList<TItem>?> items, Func<TList, V1ListMeta?> meta, Func<TItem, Workload> map)
    {
        var found = items(list) ?? throw new FormatException("the list has no items.");
        return ([.. found.Select(map)], meta(list)?.ContinueProperty);
    }

    private static ObjectMeta Meta(V1ObjectMeta? meta) =>
        meta?.Name is { Length: > 0 } name
            ? new ObjectMeta(name, meta.NamespaceProperty, meta.Uid, meta.Labels is null ? null : new(meta.Labels), meta.Annotations is null ? null : new(meta.Annotations))
            : throw new FormatException("an item has no metadata.name.");

    private static WorkloadSpec Spec(int? replicas, V1PodTemplateSpec? template) =>
        new(replicas, new PodTemplate(new PodSpec(template?.Spec?.Containers?.Select(c => new Container(c.Name, c.Image)).ToList())));
}
