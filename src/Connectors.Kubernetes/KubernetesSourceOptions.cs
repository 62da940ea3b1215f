using Qlrf.Connectors.Kubernetes.Dr;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>Settings of a <c>kubernetes</c> source: the clusters it reads and how it connects to each.</summary>
public sealed class KubernetesSourceOptions : SourceSettings
{
    /// <summary>The clusters to read. Required.</summary>
    public List<KubernetesClusterOptions> Clusters { get; } = [];

    /// <summary>Namespaces to read; empty reads all.</summary>
    public List<string> Namespaces { get; } = [];

    /// <summary>Workloads per list call (the <c>limit</c> of a chunked list). Default 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>The annotation naming a workload's primary container; without it the first container is. Default <c>qlrf.io/primary-container</c>.</summary>
    public string PrimaryContainerAnnotation { get; set; } = "qlrf.io/primary-container";

    /// <summary>
    /// The annotation naming a workload's image family; without it the family is the last segment of the image's
    /// repository (<c>registry.example:5000/payments/checkout</c> is <c>checkout</c>). Default <c>qlrf.io/image-family</c>.
    /// </summary>
    public string ImageFamilyAnnotation { get; set; } = "qlrf.io/image-family";

    /// <summary>How long the executor waits for an image change to roll out before it fails the change. Default 15 minutes.</summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the executor reads a rolling-out workload's status. Default 5 s.</summary>
    public TimeSpan RolloutPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The DR pairs whose recovery site is one of these clusters; see <see cref="KubernetesDrOptions"/>.</summary>
    public KubernetesDrOptions Dr { get; } = new();
}

/// <summary>One cluster: through a kubeconfig (token or client certificate) or the pod's service account.</summary>
public sealed class KubernetesClusterOptions
{
    /// <summary>The cluster's name in QL-RF; its site is <c>k8s-{Name}</c>. Required.</summary>
    public string? Name { get; set; }

    /// <summary>Path of a kubeconfig file.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use. Default: its current-context.</summary>
    public string? Context { get; set; }

    /// <summary>Connect with the service account QL-RF runs under (in-cluster).</summary>
    public bool InCluster { get; set; }

    /// <summary>Where the in-cluster service account's token and CA are. Default <c>/var/run/secrets/kubernetes.io/serviceaccount</c>.</summary>
    public string ServiceAccountDirectory { get; set; } = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The in-cluster API server. Default <c>https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT</c>.</summary>
    public string? Server { get; set; }

    /// <summary>The region the cluster runs in, for its site. Default <c>unknown</c>.</summary>
    public string Region { get; set; } = "unknown";

    /// <summary>Whether the cluster runs in a cloud region or a data centre of the organisation's own. Default DataCentre.</summary>
    public SiteKind SiteKind { get; set; } = SiteKind.DataCentre;
}
