namespace Qlrf.Connectors.Kubernetes;

/// <summary>What QL-RF reads of a Deployment, StatefulSet or DaemonSet.</summary>
internal sealed record Workload(
    ObjectMeta Metadata,
    WorkloadSpec? Spec,
    WorkloadStatus? Status);

internal sealed record ObjectMeta(
    string Name,
    string? Namespace,
    string? Uid,
    Dictionary<string, string>? Labels,
    Dictionary<string, string>? Annotations);

internal sealed record WorkloadSpec(
    int? Replicas,
    PodTemplate? Template);

internal sealed record PodTemplate(PodSpec? Spec);

internal sealed record PodSpec(List<Container>? Containers);

internal sealed record Container(
    string Name,
    string? Image);

/// <summary>Status of all three kinds: replicas for Deployments and StatefulSets, scheduled pods for DaemonSets.</summary>
internal sealed record WorkloadStatus(
    int? Replicas,
    int? ReadyReplicas,
    int? DesiredNumberScheduled,
    int? NumberReady);
