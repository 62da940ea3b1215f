using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>
/// Inventories the <c>kubernetes.io/tls</c> secrets of every configured cluster (listed with the field selector
/// <c>type=kubernetes.io/tls</c>): each secret's <c>tls.crt</c> leaf becomes a certificate, and the ingresses naming the
/// secret and the workloads mounting it become its references (usages <c>secret-ref</c> and <c>mount</c>). Only
/// <c>tls.crt</c> is read; every other value of a secret is zeroed on arrival. A cluster that cannot be read fails the
/// sweep, so nothing is removed for want of being seen.
/// </summary>
public sealed class KubernetesCertificateSource : ICertificateSource
{
    public const string TlsSecretType = "kubernetes.io/tls";
    private readonly CertificateSourceDefinition definition;
    private readonly Func<KubernetesSourceOptions> clusters;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    internal KubernetesCertificateSource(CertificateSourceDefinition definition, Func<KubernetesSourceOptions> clusters, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.clusters = clusters;
        this.time = time;
        this.logger = logger;
    }

    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    public async Task<CertificateSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var options = clusters();
        var certificates = new List<Certificate>();
        var references = new List<SecretReferences>();
        var unreachable = new List<string>();
        foreach (var cluster in options.Clusters)
        {
            await ReadClusterAsync(options, cluster, certificates, references, unreachable, cancellationToken);
        }

        return new CertificateSweepResult(certificates, [], references, unreachable);
    }

    private async Task ReadClusterAsync(
        KubernetesSourceOptions options, KubernetesClusterOptions cluster, List<Certificate> certificates, List<SecretReferences> references, List<string> unreachable, CancellationToken cancellationToken)
    {
        var name = cluster.Name!;
        using var client = KubernetesConnection.Create(cluster, options.Http, time, logger);
        var namespaces = options.Namespaces.Count == 0 ? [null] : options.Namespaces.Cast<string?>().ToList();
        var index = new SecretReferenceIndex(name);
        var now = time.GetUtcNow();
        int secrets = 0, ingresses = 0, workloads = 0;
        foreach (var ns in namespaces)
        {
            foreach (var ingress in await ListIngressesAsync(client, options.PageSize, name, ns, cancellationToken))
            {
                index.AddIngress(ingress);
                ingresses++;
            }

            workloads += await index.ReadWorkloadsAsync(client, options.PageSize, ns, cancellationToken);
        }

        foreach (var ns in namespaces)
        {
            foreach (var secret in await ListTlsSecretsAsync(client, options.PageSize, name, ns, cancellationToken))
            {
                secrets++;
                var secretNs = secret.Metadata.NamespaceProperty ?? "default";
                var secretName = secret.Metadata.Name;
                var id = $"{Name}:{TlsSecretCertificate.Name(name, secretNs, secretName)}";
                var crt = secret.Crt;
                using var leaf = crt is null ? null : Parse(crt);
                if (leaf is null)
                {
                    KubernetesCertificateLogs.UnreadableCertificate(logger, name, secretNs, secretName);
                    unreachable.Add(id);
                    continue;
                }

                var certificate = TlsSecretCertificate.ToCertificate(leaf, Organisation, Name, name, secretNs, secretName, secret.Metadata.ResourceVersion, definition.Environment, now);
                certificates.Add(certificate);
                foreach (var host in index.HostsOf(secretNs, secretName).Where(h => !SanMatcher.Covers(certificate.SubjectAlternativeNames, h)))
                {
                    KubernetesCertificateLogs.HostNotCovered(logger, name, secretNs, secretName, host);
                }

                var ingressRefs = index.IngressesOf(secretNs, secretName);
                var workloadRefs = index.WorkloadsOf(secretNs, secretName);
                if (ingressRefs.Count > 0 || workloadRefs.Count > 0)
                {
                    references.Add(new SecretReferences(id, definition.Environment, ingressRefs, workloadRefs));
                }
            }
        }

        KubernetesCertificateLogs.ClusterRead(logger, Name, secrets, ingresses, workloads, name);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2? Parse(byte[] crt)
    {
        try
        {
            return TlsSecretCertificate.Leaf(crt);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>A TLS secret as the sweep keeps it: metadata and <c>tls.crt</c> only.</summary>
    private sealed record TlsSecret(V1ObjectMeta Metadata, byte[]? Crt);

    private static async Task<List<TlsSecret>> ListTlsSecretsAsync(k8s.Kubernetes client, int limit, string cluster, string? ns, CancellationToken cancellationToken)
    {
        var selector = "type=" + TlsSecretType;
        var found = await KubernetesPages.ReadAllAsync(
            $"list TLS secrets {cluster}",
            async next =>
            {
                var list = ns is null
                    ? await client.CoreV1.ListSecretForAllNamespacesAsync(continueParameter: next, fieldSelector: selector, limit: limit, cancellationToken: cancellationToken)
                    : await client.CoreV1.ListNamespacedSecretAsync(ns, continueParameter: next, fieldSelector: selector, limit: limit, cancellationToken: cancellationToken);

                // Keep tls.crt, zero everything else (tls.key) before anything else happens with the page.
                var kept = list.Items?.Select(s => new TlsSecret(s.Metadata ?? throw new FormatException("a secret has no metadata."), s.Type == TlsSecretType ? TlsSecretCertificate.TakeCertificate(s.Data) : Drop(s.Data))).ToList();
                return (kept, list.Metadata);
            },
            page => page.kept,
            page => page.Metadata);
        return found.Where(s => !string.IsNullOrEmpty(s.Metadata.Name)).ToList();
    }

    private static byte[]? Drop(IDictionary<string, byte[]>? data)
    {
        TlsSecretCertificate.TakeCertificate(data);
        return null;
    }

    private static Task<List<V1Ingress>> ListIngressesAsync(k8s.Kubernetes client, int limit, string cluster, string? ns, CancellationToken cancellationToken) =>
        KubernetesPages.ReadAllAsync(
            $"list ingresses {cluster}",
            async next => ns is null
                ? await client.NetworkingV1.ListIngressForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: cancellationToken)
                : await client.NetworkingV1.ListNamespacedIngressAsync(ns, continueParameter: next, limit: limit, cancellationToken: cancellationToken),
            l => l.Items,
            l => l.Metadata);
}
