using System.Text.Json.Serialization;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>A list answer of the Kubernetes API (DeploymentList, StatefulSetList, DaemonSetList): its items and continue token.</summary>
internal sealed record WorkloadList(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("metadata")] ListMeta? Metadata,
    [property: JsonPropertyName("items")] List<Workload>? Items);

internal sealed record ListMeta(
    [property: JsonPropertyName("continue")] string? Continue,
    [property: JsonPropertyName("resourceVersion")] string? ResourceVersion);

/// <summary>What QL-RF reads of a Deployment, StatefulSet or DaemonSet.</summary>
internal sealed record Workload(
    [property: JsonPropertyName("metadata")] ObjectMeta Metadata,
    [property: JsonPropertyName("spec")] WorkloadSpec? Spec,
    [property: JsonPropertyName("status")] WorkloadStatus? Status);

internal sealed record ObjectMeta(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("uid")] string? Uid,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] Dictionary<string, string>? Annotations);

internal sealed record WorkloadSpec(
    [property: JsonPropertyName("replicas")] int? Replicas,
    [property: JsonPropertyName("template")] PodTemplate? Template);

internal sealed record PodTemplate([property: JsonPropertyName("spec")] PodSpec? Spec);

internal sealed record PodSpec([property: JsonPropertyName("containers")] List<Container>? Containers);

internal sealed record Container(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string? Image);

/// <summary>Status of all three kinds: replicas for Deployments and StatefulSets, scheduled pods for DaemonSets.</summary>
internal sealed record WorkloadStatus(
    [property: JsonPropertyName("replicas")] int? Replicas,
    [property: JsonPropertyName("readyReplicas")] int? ReadyReplicas,
    [property: JsonPropertyName("desiredNumberScheduled")] int? DesiredNumberScheduled,
    [property: JsonPropertyName("numberReady")] int? NumberReady);
