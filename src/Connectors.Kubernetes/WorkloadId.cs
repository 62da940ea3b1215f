using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>A workload's asset id, <c>k8s://{cluster}/{namespace}/{kind}/{name}</c> (as <see cref="WorkloadMapper"/> makes it), split up.</summary>
internal sealed record WorkloadId(string Cluster, string Namespace, string Kind, string Name)
{
    private const string Scheme = "k8s://";

    /// <summary>The kind's resource in <c>apps/v1</c>: <c>deployments</c>, <c>statefulsets</c> or <c>daemonsets</c>.</summary>
    public string Resource => Kind + "s";

    /// <summary>The kind as the API names it: <c>Deployment</c>, <c>StatefulSet</c> or <c>DaemonSet</c>.</summary>
    public string KindName => Kind switch
    {
        "deployment" => "Deployment",
        "statefulset" => "StatefulSet",
        _ => "DaemonSet",
    };

    public static WorkloadId Parse(string assetId)
    {
        ArgumentNullException.ThrowIfNull(assetId);
        var parts = assetId.StartsWith(Scheme, StringComparison.Ordinal) ? assetId[Scheme.Length..].Split('/') : [];
        return parts.Length == 4 && parts.All(p => p.Length > 0) && parts[2] is "deployment" or "statefulset" or "daemonset"
            ? new WorkloadId(parts[0], parts[1], parts[2], parts[3])
            : throw new ExecutorException($"'{assetId}' is not a Kubernetes workload id (k8s://cluster/namespace/deployment|statefulset|daemonset/name).");
    }
}
