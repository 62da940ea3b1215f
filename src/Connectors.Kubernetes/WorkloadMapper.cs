using Qlrf.Inventory;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// Maps a workload to an asset: id <c>k8s://{cluster}/{namespace}/{kind}/{name}</c>, its labels as tags
/// (plus <c>k8s:kind</c> and <c>k8s:namespace</c>), and its primary container's image as family (the
/// <see cref="KubernetesSourceOptions.ImageFamilyAnnotation"/>, else the repository's last segment, since a
/// registry path is no family name), tag (version) and digest (reference; the full image when untagged). Ready replicas give its health.
/// </summary>
internal sealed class WorkloadMapper(KubernetesSourceOptions options)
{
    public static string SiteName(string cluster) => SiteNames.Of("k8s", cluster);

    public Asset Map(string cluster, string kind, Workload workload)
    {
        var meta = workload.Metadata;
        var ns = meta.Namespace ?? "default";
        var labels = meta.Labels ?? [];
        var tags = new Dictionary<string, string>(labels, StringComparer.Ordinal)
        {
            ["k8s:kind"] = kind,
            ["k8s:namespace"] = ns,
        };
        var (desired, ready) = Replicas(kind, workload);
        return new Asset
        {
            Id = $"k8s://{cluster}/{ns}/{kind.ToLowerInvariant()}/{meta.Name}",
            Name = $"{ns}/{meta.Name}",
            Platform = Platform.Kubernetes,
            Site = SiteName(cluster),
            Environment = labels.GetValueOrDefault(options.EnvironmentTag) is { Length: > 0 } env ? env : options.DefaultEnvironment,
            Image = Image(workload),
            Tags = tags,
            State = desired == 0 ? AssetState.Stopped : AssetState.Running,
            Health = desired == 0 ? AssetHealth.Unknown : ready >= desired ? AssetHealth.Healthy : ready == 0 ? AssetHealth.Unhealthy : AssetHealth.Degraded,
        };
    }

    private ImageRef? Image(Workload workload)
    {
        var containers = workload.Spec?.Template?.Spec?.Containers ?? [];
        var primaryName = workload.Metadata.Annotations?.GetValueOrDefault(options.PrimaryContainerAnnotation);
        var primary = containers.FirstOrDefault(c => c.Name == primaryName) ?? containers.FirstOrDefault();
        if (primary?.Image is not { Length: > 0 } image)
        {
            return null;
        }

        var parsed = ContainerImage.Parse(image);
        var family = workload.Metadata.Annotations?.GetValueOrDefault(options.ImageFamilyAnnotation) is { Length: > 0 } named
            ? named.Trim()
            : parsed.Repository[(parsed.Repository.LastIndexOf('/') + 1)..];
        return new ImageRef(family, parsed.Tag ?? parsed.Digest!, parsed.Digest ?? image);
    }

    private static (int Desired, int Ready) Replicas(string kind, Workload workload) => kind == "DaemonSet"
        ? (workload.Status?.DesiredNumberScheduled ?? 0, workload.Status?.NumberReady ?? 0)
        : (workload.Spec?.Replicas ?? 1, workload.Status?.ReadyReplicas ?? 0);
}
