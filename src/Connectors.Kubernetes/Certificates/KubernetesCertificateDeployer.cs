using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;
using Qlrf.Execution;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>
/// Deploys a store certificate's version to a Kubernetes TLS secret holding a copy of it (usage <c>Secret</c>, target the
/// secret's certificate id <c>{source}:{cluster}:{namespace}:{secret}</c>), then restarts the workloads that use it:
/// <list type="number">
/// <item>The secret: unless its <c>tls.crt</c> leaf already has the thumbprint, the version's material (from the store's
/// <see cref="ICertificateMaterialSource"/>) is written as <c>tls.crt</c>/<c>tls.key</c> by a merge patch conditional on
/// the secret's <c>resourceVersion</c>, annotated with the thumbprint and the one it replaced. A rollback is the same
/// deployment of the previous thumbprint, whose material the store still holds.</item>
/// <item>Every Deployment, StatefulSet and DaemonSet of the namespace whose pod template uses the secret, one at a time:
/// its template annotation <see cref="RestartAnnotation"/> is set to the thumbprint (a rolling restart, as
/// <c>kubectl rollout restart</c> does; a retry finds it set and does not restart again), then the rollout is awaited as
/// the image executor awaits one, failing on <c>ProgressDeadlineExceeded</c> with the workload named.</item>
/// </list>
/// The key goes from the store into the patch and nowhere else: it is not logged, and the secret's own values are zeroed
/// as soon as they are read.
/// </summary>
public sealed class KubernetesCertificateDeployer(
    IConfiguration configuration, KubernetesClusters clusters, IEnumerable<ICertificateMaterialSource> materials, TimeProvider time, ILogger<KubernetesCertificateDeployer> logger) : ICertificateDeployer
{
    /// <summary>On the secret: the thumbprint QL-RF last wrote into it.</summary>
    public const string ThumbprintAnnotation = "qlrf.io/certificate-thumbprint";

    /// <summary>On the secret: the thumbprint it held before QL-RF last wrote it.</summary>
    public const string PreviousThumbprintAnnotation = "qlrf.io/previous-certificate-thumbprint";

    /// <summary>On a workload's pod template: the thumbprint it was last restarted for.</summary>
    public const string RestartAnnotation = "qlrf.io/certificate-restart";

    private const string SourcesSection = "Qlrf:Certificates:Sources";

    public bool CanDeploy(Certificate certificate, CertificateUsage usage)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(usage);
        return usage.Kind == UsageKind.Secret
            && materials.Any(m => m.StoreKind == certificate.StoreKind)
            && SecretTarget.TryParse(usage.Target, out var target)
            && IsKubernetesSource(target.Source);
    }

    public async Task DeployAsync(Certificate certificate, CertificateUsage usage, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(thumbprint);
        if (!SecretTarget.TryParse(usage.Target, out var target))
        {
            throw new InvalidOperationException($"'{usage.Target}' is not a Kubernetes TLS secret's certificate id ({{source}}:{{cluster}}:{{namespace}}:{{secret}}).");
        }

        var (options, cluster) = Resolve(target, certificate.Organisation);
        using var client = KubernetesConnection.Create(cluster, options.Http, time, logger);
        var secrets = new TlsSecretWriter(client, target);
        var (resourceVersion, held) = await secrets.ReadAsync(cancellationToken);
        if (string.Equals(held, thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            KubernetesCertificateLogs.SecretAlreadyHolds(logger, target.Cluster, target.Namespace, target.Secret, thumbprint);
        }
        else
        {
            var source = materials.FirstOrDefault(m => m.StoreKind == certificate.StoreKind)
                ?? throw new InvalidOperationException($"No material source reads certificates of store kind '{certificate.StoreKind}'.");
            using var material = await source.GetMaterialAsync(certificate, thumbprint, cancellationToken);
            await secrets.WriteAsync(material, resourceVersion, held, cancellationToken);
            KubernetesCertificateLogs.SecretWritten(logger, thumbprint, certificate.Id, target.Cluster, target.Namespace, target.Secret, held);
        }

        foreach (var workload in await MountingWorkloadsAsync(client, options, target, cancellationToken))
        {
            using var session = new KubernetesWorkloadSession(client, workload.Id, workload.AssetId, options, ownsClient: false);
            if (!string.Equals(workload.RestartedFor, thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                KubernetesCertificateLogs.WorkloadRestarting(logger, workload.AssetId, target.Namespace, target.Secret, thumbprint);
                await session.PatchTemplateAnnotationsAsync(new Dictionary<string, string> { [RestartAnnotation] = thumbprint }, cancellationToken);
            }

            await session.WaitForRolloutAsync(null, time, cancellationToken);
        }
    }

    private bool IsKubernetesSource(string source) =>
        string.Equals(configuration[$"{SourcesSection}:{source}:Kind"], CertificateStoreKinds.Kubernetes, StringComparison.OrdinalIgnoreCase);

    private (KubernetesSourceOptions Options, KubernetesClusterOptions Cluster) Resolve(SecretTarget target, string organisation)
    {
        if (!IsKubernetesSource(target.Source))
        {
            throw new InvalidOperationException($"Setting '{SourcesSection}:{target.Source}' is not a certificate source of kind '{CertificateStoreKinds.Kubernetes}'.");
        }

        var options = KubernetesCertificateSourceFactory.ClustersOf(target.Source, organisation, configuration.GetSection($"{SourcesSection}:{target.Source}"), clusters)();
        var cluster = options.Clusters.FirstOrDefault(c => string.Equals(c.Name, target.Cluster, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Certificate source '{target.Source}' has no cluster named '{target.Cluster}'.");
        return (options, cluster);
    }

    /// <summary>The namespace's Deployments, StatefulSets and DaemonSets whose pod template uses the secret, with the thumbprint each was last restarted for.</summary>
    private static async Task<List<MountingWorkload>> MountingWorkloadsAsync(k8s.Kubernetes client, KubernetesSourceOptions options, SecretTarget target, CancellationToken cancellationToken)
    {
        var (apps, ns, limit) = (client.AppsV1, target.Namespace, options.PageSize);
        var where = $"{target.Cluster} {ns}";
        var found = new List<(string Kind, V1ObjectMeta Meta, V1PodTemplateSpec? Template)>();
        found.AddRange((await KubernetesPages.ReadAllAsync($"list deployments {where}", next => apps.ListNamespacedDeploymentAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata))
            .Select(d => ("deployment", d.Metadata, d.Spec?.Template)));
        found.AddRange((await KubernetesPages.ReadAllAsync($"list statefulsets {where}", next => apps.ListNamespacedStatefulSetAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata))
            .Select(s => ("statefulset", s.Metadata, s.Spec?.Template)));
        found.AddRange((await KubernetesPages.ReadAllAsync($"list daemonsets {where}", next => apps.ListNamespacedDaemonSetAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken), l => l.Items, l => l.Metadata))
            .Select(s => ("daemonset", s.Metadata, s.Spec?.Template)));
        return found
            .Where(w => w.Meta is { Name.Length: > 0 } && SecretReferenceIndex.SecretsOf(w.Template?.Spec).Contains(target.Secret, StringComparer.Ordinal))
            .Select(w =>
            {
                var id = new WorkloadId(target.Cluster, ns, w.Kind, w.Meta.Name);
                var restartedFor = w.Template?.Metadata?.Annotations?.TryGetValue(RestartAnnotation, out var value) == true ? value : null;
                return new MountingWorkload(id, $"k8s://{target.Cluster}/{ns}/{w.Kind}/{w.Meta.Name}", restartedFor);
            })
            .ToList();
    }

    private sealed record MountingWorkload(WorkloadId Id, string AssetId, string? RestartedFor);

    /// <summary>Reads and writes one TLS secret; errors name it.</summary>
    private sealed class TlsSecretWriter(k8s.Kubernetes client, SecretTarget target)
    {
        private string Describe => $"TLS secret {target.Namespace}/{target.Secret} of cluster {target.Cluster}";

        /// <summary>The secret's resourceVersion and the thumbprint of its <c>tls.crt</c> leaf (null when unreadable); its values are zeroed at once.</summary>
        public async Task<(string? ResourceVersion, string? Thumbprint)> ReadAsync(CancellationToken cancellationToken)
        {
            var secret = await CallAsync("GET", () => client.CoreV1.ReadNamespacedSecretAsync(target.Secret, target.Namespace, cancellationToken: cancellationToken));
            var crt = TlsSecretCertificate.TakeCertificate(secret.Data);
            if (secret.Type != KubernetesCertificateSource.TlsSecretType)
            {
                throw new ExecutorException($"Kubernetes {Describe}: it is of type '{secret.Type}', not {KubernetesCertificateSource.TlsSecretType}.");
            }

            string? thumbprint = null;
            if (crt is not null)
            {
                try
                {
                    using var leaf = TlsSecretCertificate.Leaf(crt);
                    thumbprint = leaf?.Thumbprint;
                }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
                {
                    // Unreadable: it is replaced like any other certificate.
                }
            }

            return (secret.Metadata?.ResourceVersion, thumbprint);
        }

        /// <summary>Writes the material, conditional on the resourceVersion read (a concurrent change answers 409 and the step is retried).</summary>
        public async Task WriteAsync(CertificateMaterial material, string? resourceVersion, string? previous, CancellationToken cancellationToken)
        {
            var annotations = new Dictionary<string, string> { [ThumbprintAnnotation] = material.Thumbprint };
            if (previous is not null)
            {
                annotations[PreviousThumbprintAnnotation] = previous;
            }

            var metadata = new Dictionary<string, object> { ["annotations"] = annotations };
            if (resourceVersion is not null)
            {
                metadata["resourceVersion"] = resourceVersion;
            }

            var body = new Dictionary<string, object>
            {
                ["metadata"] = metadata,
                ["data"] = new Dictionary<string, byte[]>
                {
                    [TlsSecretCertificate.CertificateKey] = material.CertificateChainPem,
                    [TlsSecretCertificate.PrivateKey] = material.PrivateKeyPem,
                },
            };
            var patch = new V1Patch(JsonSerializer.Serialize(body), V1Patch.PatchType.MergePatch);
            var written = await CallAsync("PATCH", () => client.CoreV1.PatchNamespacedSecretAsync(patch, target.Secret, target.Namespace, fieldManager: "qlrf", cancellationToken: cancellationToken));
            TlsSecretCertificate.TakeCertificate(written.Data);
        }

        private async Task<V1Secret> CallAsync(string method, Func<Task<V1Secret>> send)
        {
            try
            {
                return await send();
            }
            catch (HttpOperationException ex)
            {
                var status = ex.Response?.StatusCode ?? 0;
                var error = ex.Response?.Content is { Length: > 0 } content ? KubernetesStatus.Describe(content) : ex.Message;
                var what = status == HttpStatusCode.NotFound ? "the secret does not exist" : status == HttpStatusCode.Conflict ? "the secret changed meanwhile" : "the API refused the call";
                throw new ExecutorException($"Kubernetes {Describe}: {method} failed, {what}: HTTP {(int)status} {error}", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new ExecutorException($"Kubernetes {Describe}: {method} failed, the API server did not answer: {ex.Message}", ex);
            }
        }
    }
}

/// <summary>A TLS secret's certificate id, <c>{source}:{cluster}:{namespace}:{secret}</c>, split up.</summary>
internal sealed record SecretTarget(string Source, string Cluster, string Namespace, string Secret)
{
    public static bool TryParse(string id, out SecretTarget target)
    {
        var parts = id.Split(':');
        target = parts.Length == 4 && parts.All(p => p.Length > 0) ? new SecretTarget(parts[0], parts[1], parts[2], parts[3]) : null!;
        return target is not null;
    }
}
