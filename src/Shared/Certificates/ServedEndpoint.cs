namespace Qlrf.Certificates;

/// <summary>What a TLS endpoint served when it was last scanned, and what sits behind it.</summary>
/// <param name="Target"><c>host:port</c> (with <c>@sni</c> when the SNI name differs from the host).</param>
/// <param name="Host">The name the endpoint is reached by (the SNI name).</param>
/// <param name="Environment">The endpoint's environment.</param>
/// <param name="Thumbprint">The leaf certificate it served.</param>
/// <param name="AssetsBehind">Asset ids the endpoint fronts.</param>
public sealed record ServedEndpoint(string Target, string Host, string Environment, string Thumbprint, IReadOnlyList<string> AssetsBehind);

/// <summary>A Kubernetes TLS secret's references: the ingresses naming it and the workloads mounting it.</summary>
/// <param name="CertificateId">The certificate of the secret.</param>
/// <param name="Environment">The cluster's environment.</param>
/// <param name="Ingresses"><c>namespace/name</c> of each ingress whose <c>tls</c> names the secret.</param>
/// <param name="Workloads"><c>namespace/kind/name</c> of each workload mounting the secret.</param>
public sealed record SecretReferences(string CertificateId, string Environment, IReadOnlyList<string> Ingresses, IReadOnlyList<string> Workloads);
