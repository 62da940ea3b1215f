using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;
using Qlrf.Connectors.Kubernetes.Certificates;
using Qlrf.Secrets;

namespace Qlrf.Connectors.Kubernetes.Secrets;

/// <summary>
/// Inventories the <c>Opaque</c> secrets of every configured cluster as metadata only, and the workloads referencing
/// each (volumes, <c>env</c>, <c>envFrom</c>: the same index the certificate source builds). Secrets are listed with the
/// field selector <c>type=Opaque</c> and <c>Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1</c>,
/// so the API server sends metadata alone; should a server send <c>data</c> anyway, it is zeroed on arrival and never
/// leaves this class. Annotations give what Kubernetes has no field for: <see cref="RotationDaysAnnotation"/> and
/// <see cref="ExpiresAtAnnotation"/>; the last change is the newest <c>managedFields</c> time. A cluster that cannot be
/// read fails the sweep.
/// </summary>
public sealed class KubernetesSecretSource : ISecretSource
{
    public const string OpaqueType = "Opaque";

    /// <summary>The annotation holding the rotation policy in days.</summary>
    public const string RotationDaysAnnotation = "qlrf.io/rotation-days";

    /// <summary>The annotation holding when the value expires (ISO 8601).</summary>
    public const string ExpiresAtAnnotation = "qlrf.io/expires-at";

    /// <summary>The Accept header asking the API server for object metadata only.</summary>
    public const string MetadataOnly = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> MetadataHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Accept"] = [MetadataOnly] };

    private readonly CertificateSourceDefinition definition;
    private readonly Func<KubernetesSourceOptions> clusters;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    internal KubernetesSecretSource(CertificateSourceDefinition definition, Func<KubernetesSourceOptions> clusters, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.clusters = clusters;
        this.time = time;
        this.logger = logger;
    }

    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    public async Task<SecretSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var options = clusters();
        var secrets = new List<Secret>();
        foreach (var cluster in options.Clusters)
        {
            secrets.AddRange(await ReadClusterAsync(options, cluster, cancellationToken));
        }

        return new SecretSweepResult(secrets);
    }

    private async Task<List<Secret>> ReadClusterAsync(KubernetesSourceOptions options, KubernetesClusterOptions cluster, CancellationToken cancellationToken)
    {
        var name = cluster.Name!;
        using var client = KubernetesConnection.Create(cluster, options.Http, time, logger);
        var namespaces = options.Namespaces.Count == 0 ? [null] : options.Namespaces.Cast<string?>().ToList();
        var index = new SecretReferenceIndex(name);
        var now = time.GetUtcNow();
        var secrets = new List<Secret>();
        foreach (var ns in namespaces)
        {
            await index.ReadWorkloadsAsync(client, options.PageSize, ns, cancellationToken);
        }

        foreach (var ns in namespaces)
        {
            foreach (var metadata in await ListMetadataAsync(client, options.PageSize, name, ns, cancellationToken))
            {
                var secretNs = metadata.NamespaceProperty ?? "default";
                var annotations = metadata.Annotations ?? new Dictionary<string, string>();
                var changed = metadata.ManagedFields?.Where(f => f.Time is not null).Max(f => f.Time) ?? metadata.CreationTimestamp;
                secrets.Add(new Secret
                {
                    Id = $"{Name}:{name}:{secretNs}:{metadata.Name}",
                    Organisation = Organisation,
                    Store = Name,
                    StoreKind = SecretStoreKinds.Kubernetes,
                    Name = $"{name}:{secretNs}:{metadata.Name}",
                    Environment = definition.Environment,
                    Version = metadata.ResourceVersion ?? string.Empty,
                    CreatedAt = Utc(metadata.CreationTimestamp),
                    UpdatedAt = Utc(changed),
                    ExpiresAt = annotations.TryGetValue(ExpiresAtAnnotation, out var expires) && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null,
                    ContentType = OpaqueType,
                    RotationDays = annotations.TryGetValue(RotationDaysAnnotation, out var days) && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : null,
                    Workloads = index.WorkloadsOf(secretNs, metadata.Name),
                    SeenAt = now,
                });
            }
        }

        KubernetesSecretLogs.ClusterRead(logger, Name, secrets.Count, name);
        return secrets;
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    /// <summary>The metadata of a namespace's (or every) Opaque secret: asked for as metadata only, any data zeroed on arrival.</summary>
    private static async Task<List<V1ObjectMeta>> ListMetadataAsync(k8s.Kubernetes client, int limit, string cluster, string? ns, CancellationToken cancellationToken)
    {
        var selector = "type=" + OpaqueType;
        var found = await KubernetesPages.ReadAllAsync(
            $"list secrets {cluster}",
            async next =>
            {
                using var response = ns is null
                    ? await client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(continueParameter: next, fieldSelector: selector, limit: limit, customHeaders: MetadataHeaders, cancellationToken: cancellationToken)
                    : await client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(ns, continueParameter: next, fieldSelector: selector, limit: limit, customHeaders: MetadataHeaders, cancellationToken: cancellationToken);
                var list = response.Body;
                var kept = list.Items?.Select(MetadataOf).ToList();
                return (kept, list.Metadata);
            },
            page => page.kept,
            page => page.Metadata);
        return found.Where(m => !string.IsNullOrEmpty(m.Name)).ToList();
    }

    /// <summary>A secret's metadata; whatever value came with it is zeroed and dropped first.</summary>
    private static V1ObjectMeta MetadataOf(V1Secret secret)
    {
        foreach (var value in secret.Data?.Values ?? [])
        {
            Array.Clear(value);
        }

        secret.Data?.Clear();
        secret.StringData?.Clear();
        secret.Data = null;
        secret.StringData = null;
        return secret.Metadata ?? throw new FormatException("a secret has no metadata.");
    }
}
