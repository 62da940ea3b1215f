using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// Changes Kubernetes workloads (Deployment, StatefulSet, DaemonSet) of the configured <c>kubernetes</c> sources: an
/// image change patches the primary container's image (strategic merge patch, annotated with the step's idempotency
/// key) and waits until the rollout is complete; a workload already on the image is not patched again. Patch sets
/// are refused: a workload is changed by a new image, never patched in place.
/// </summary>
public sealed partial class KubernetesExecutor(KubernetesClusters clusters, TimeProvider time, ILogger<KubernetesExecutor> logger) : IPlatformExecutor
{
    /// <summary>The annotation holding the idempotency key of the last change QL-RF made to a workload.</summary>
    public const string ChangeAnnotation = "qlrf.io/change";

    /// <summary>The annotation holding the image version QL-RF last moved a workload to.</summary>
    public const string VersionAnnotation = "qlrf.io/image-version";

    public bool Handles(string source, Platform platform) => platform == Platform.Kubernetes && clusters.IsKubernetes(source);

    /// <summary>Only image changes: workloads are not patched in place.</summary>
    public ExecutorSupport Supports(ExecutorOperation operation) => operation == ExecutorOperation.ApplyImage
        ? ExecutorSupport.Supported
        : ExecutorSupport.Unsupported("Kubernetes workloads are not patched in place; build a patched image and roll it out as an image change");

    public async Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var target = Target(change);
        using var session = Open(change.Organisation, change.AssetId);
        var workload = await session.ReadAsync(cancellationToken);
        if (workload.Container is null || workload.Image is null)
        {
            throw new ExecutorException($"Kubernetes {session.Describe}: the workload has no container with an image to change.");
        }

        if (workload.Kind != "Deployment" && workload.UpdateStrategy == "OnDelete")
        {
            throw new ExecutorException($"Kubernetes {session.Describe}: its update strategy is OnDelete, so the controller would not replace its pods; QL-RF changes only workloads that roll out by themselves (RollingUpdate).");
        }

        var image = TargetImage(target, workload.Image, change.ToVersion);
        var changed = !SameImage(workload.Image, image);
        if (changed)
        {
            await session.PatchImageAsync(workload.Container, image, change, cancellationToken);
            KubernetesLogs.ImagePatched(logger, change.AssetId, workload.Container, image, change.IdempotencyKey);
        }
        else
        {
            KubernetesLogs.ImageAlreadyApplied(logger, change.AssetId, image);
        }

        await session.WaitForRolloutAsync(change.Progress, time, cancellationToken);
        return new ExecutionOutcome(changed, change.ToVersion);
    }

    public Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        throw new ExecutorException(
            $"Kubernetes workload '{change.AssetId}' cannot take patch set {change.PatchSetId}: Kubernetes workloads are not patched in place; build a new image and roll it out as an image change.");
    }

    public async Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        using var session = Open(organisation, assetId);
        var workload = await session.ReadAsync(cancellationToken);
        var version = workload.Image is null ? null : ContainerImage.Parse(workload.Image) is var parsed ? parsed.Tag ?? parsed.Digest : null;
        if (workload.Desired == 0)
        {
            return new AssetHealthReport(assetId, AssetHealth.Unknown, AssetState.Stopped, version, "scaled to zero");
        }

        if (workload.DeadlineExceeded is { } deadline)
        {
            return new AssetHealthReport(assetId, AssetHealth.Unhealthy, AssetState.Running, version, $"ProgressDeadlineExceeded: {deadline.Message}");
        }

        if (workload.Conditions.FirstOrDefault(c => c.Type == "Available" && c.Status == "False") is { } unavailable)
        {
            return new AssetHealthReport(assetId, AssetHealth.Unhealthy, AssetState.Running, version, $"Available=False {unavailable.Reason}: {unavailable.Message}");
        }

        var health = workload.Ready >= workload.Desired ? AssetHealth.Healthy : workload.Ready == 0 ? AssetHealth.Unhealthy : AssetHealth.Degraded;
        return new AssetHealthReport(assetId, health, AssetState.Running, version, $"{workload.Ready} of {workload.Desired} ready");
    }

    private KubernetesWorkloadSession Open(string organisation, string assetId)
    {
        var id = WorkloadId.Parse(assetId);
        var found = clusters.Find(organisation, id.Cluster)
            ?? throw new ExecutorException($"Kubernetes workload '{assetId}': no kubernetes source of organisation '{organisation}' has a cluster named '{id.Cluster}'.");
        k8s.Kubernetes client;
        try
        {
            client = KubernetesConnection.Create(found.Cluster, found.Source.Http, time, logger);
        }
        catch (ConnectorException ex)
        {
            throw new ExecutorException($"Kubernetes workload '{assetId}': cannot connect to cluster '{id.Cluster}': {ex.Message}", ex);
        }

        return new KubernetesWorkloadSession(client, id, assetId, found.Source, ownsClient: true);
    }

    private static string Target(ImageChange change) =>
        change.Reference is { Length: > 0 } reference
            ? reference.Trim()
            : throw new ExecutorException(
                $"Kubernetes workload '{change.AssetId}': image version {change.Family} {change.ToVersion} has no Kubernetes reference (an image digest); publish the golden image's digest for that version first.");

    /// <summary>
    /// The image to run: the reference's repository (the workload's when the reference is a bare digest) at the reference's
    /// digest, tagged with the target version when the reference has no tag and the version is a valid tag. The kubelet pulls
    /// by the digest; the tag is what discovery and the health check read back as the version, so the next sweep and the
    /// health gate see the target version rather than the digest. A reference without a digest is used as it is.
    /// </summary>
    internal static string TargetImage(string reference, string current, string version)
    {
        var repositoryDigest = reference.StartsWith("sha256:", StringComparison.Ordinal) ? $"{ContainerImage.Parse(current).Repository}@{reference}" : reference;
        var parsed = ContainerImage.Parse(repositoryDigest);
        return parsed.Digest is { } digest && parsed.Tag is null && ValidTag().IsMatch(version)
            ? $"{parsed.Repository}:{version}@{digest}"
            : repositoryDigest;
    }

    /// <summary>A Docker/OCI tag: a word character, then up to 127 word characters, dots and dashes.</summary>
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidTag();

    /// <summary>Whether the container already runs the image: same repository and same digest (or same tag when neither has a digest).</summary>
    internal static bool SameImage(string current, string target)
    {
        var a = ContainerImage.Parse(current);
        var b = ContainerImage.Parse(target);
        return a.Repository == b.Repository && (b.Digest is not null ? a.Digest == b.Digest : a.Digest is null && a.Tag == b.Tag);
    }
}
