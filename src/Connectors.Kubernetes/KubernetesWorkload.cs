using k8s.Models;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// What the executor reads of a Deployment, StatefulSet or DaemonSet: its primary container and image, and how far
/// its rollout is. A rollout is complete when the controller has seen the latest spec and every desired pod is
/// updated and available.
/// </summary>
internal sealed record KubernetesWorkload(
    string Kind,
    string? Container,
    string? Image,
    long Generation,
    long ObservedGeneration,
    int Desired,
    int Updated,
    int Available,
    int Ready,
    int Total,
    IReadOnlyList<V1DeploymentCondition> Conditions,
    string? UpdateStrategy)
{
    public bool RolloutComplete =>
        ObservedGeneration >= Generation && Updated >= Desired && Available >= Desired && Total <= Updated;

    /// <summary>The Progressing=False condition of a Deployment that ran past its progress deadline, or null.</summary>
    public V1DeploymentCondition? DeadlineExceeded =>
        Conditions.FirstOrDefault(c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded");

    public string Progress => $"observed generation {ObservedGeneration} of {Generation}, {Updated} updated and {Available} available of {Desired} desired, {Total} in all";

    public static KubernetesWorkload Of(V1Deployment d, string annotation) => Create(
        "Deployment",
        Primary(d.Metadata, d.Spec?.Template?.Spec, annotation),
        d.Metadata?.Generation ?? 0,
        d.Status?.ObservedGeneration ?? 0,
        d.Spec?.Replicas ?? 1,
        d.Status?.UpdatedReplicas ?? 0,
        d.Status?.AvailableReplicas ?? 0,
        d.Status?.ReadyReplicas ?? 0,
        d.Status?.Replicas ?? 0,
        [.. d.Status?.Conditions ?? []],
        d.Spec?.Strategy?.Type);

    public static KubernetesWorkload Of(V1StatefulSet s, string annotation) => Create(
        "StatefulSet",
        Primary(s.Metadata, s.Spec?.Template?.Spec, annotation),
        s.Metadata?.Generation ?? 0,
        s.Status?.ObservedGeneration ?? 0,
        s.Spec?.Replicas ?? 1,
        s.Status?.UpdatedReplicas ?? 0,
        s.Status?.AvailableReplicas ?? 0,
        s.Status?.ReadyReplicas ?? 0,
        s.Status?.Replicas ?? 0,
        [],
        s.Spec?.UpdateStrategy?.Type);

    public static KubernetesWorkload Of(V1DaemonSet s, string annotation) => Create(
        "DaemonSet",
        Primary(s.Metadata, s.Spec?.Template?.Spec, annotation),
        s.Metadata?.Generation ?? 0,
        s.Status?.ObservedGeneration ?? 0,
        s.Status?.DesiredNumberScheduled ?? 0,
        s.Status?.UpdatedNumberScheduled ?? 0,
        s.Status?.NumberAvailable ?? 0,
        s.Status?.NumberReady ?? 0,
        s.Status?.CurrentNumberScheduled ?? 0,
        [],
        s.Spec?.UpdateStrategy?.Type);

    private static KubernetesWorkload Create(
        string kind, V1Container? primary, long generation, long observedGeneration, int desired, int updated, int available, int ready, int total,
        IReadOnlyList<V1DeploymentCondition> conditions, string? updateStrategy) =>
        new(kind, primary?.Name, primary?.Image, generation, observedGeneration, desired, updated, available, ready, total, conditions, updateStrategy);

    /// <summary>The container the connector maps as the workload's image: the one the annotation names, else the first.</summary>
    private static V1Container? Primary(V1ObjectMeta? meta, V1PodSpec? pod, string annotation)
    {
        var containers = pod?.Containers ?? [];
        var wanted = meta?.Annotations?.TryGetValue(annotation, out var name) == true ? name : null;
        return containers.FirstOrDefault(c => c.Name == wanted) ?? containers.FirstOrDefault();
    }
}
