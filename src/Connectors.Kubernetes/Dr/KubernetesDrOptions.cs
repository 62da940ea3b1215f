namespace Qlrf.Connectors.Kubernetes.Dr;

/// <summary>
/// The DR pairs whose recovery site is a cluster of this source (<c>Qlrf:Discovery:Sources:{name}:Dr:Pairs:{pairId}</c>):
/// what a test failover scales up at the recovery cluster and how it is validated.
/// </summary>
public sealed class KubernetesDrOptions
{
    /// <summary>The pairs, by pair id.</summary>
    public Dictionary<string, KubernetesDrPairOptions> Pairs { get; } = new(StringComparer.Ordinal);
}

/// <summary>One pair's recovery side: a namespace of its own at the recovery cluster, its deployments and probes.</summary>
public sealed class KubernetesDrPairOptions
{
    /// <summary>The namespace at the recovery cluster holding the pair's deployments (scaled to zero between drills). Required.</summary>
    public string? Namespace { get; set; }

    /// <summary>The deployments to scale up, by name (the primary workload of the same name fails over to it). At least one.</summary>
    public Dictionary<string, KubernetesDrDeploymentOptions> Deployments { get; } = new(StringComparer.Ordinal);

    /// <summary>How long a validation probe may take before it counts as failed. Default 10 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One recovery deployment: how many replicas a failover runs, and the URLs that must answer 2xx.</summary>
public sealed class KubernetesDrDeploymentOptions
{
    /// <summary>Replicas a failover scales the deployment to. Default 1.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Validation probes: absolute http(s) URLs (e.g. <c>http://checkout.payments-dr.svc:8080/healthz</c>) that must answer GET with 2xx.</summary>
    public List<string> Probes { get; } = [];
}
