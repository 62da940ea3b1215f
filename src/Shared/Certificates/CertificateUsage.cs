namespace Qlrf.Certificates;

/// <summary>
/// Something that depends on a certificate: an endpoint serving it, an ingress referencing its secret, a workload
/// mounting it, or an asset behind one of those. Usages are what a rotation deploys to and what breaks when it expires.
/// </summary>
/// <param name="CertificateId">The certificate used.</param>
/// <param name="Kind">What uses it.</param>
/// <param name="Target">The user's stable name: <c>host:port</c>, <c>namespace/ingress</c>, an asset id, a copy's certificate id.</param>
/// <param name="Environment">The user's environment.</param>
/// <param name="Via">How the usage was found: <c>thumbprint</c>, <c>san</c>, <c>secret-ref</c>, <c>mount</c>, <c>behind:{target}</c>.</param>
/// <param name="Deployable">Whether a rotation deploys to it (endpoints, secrets) or it only follows (assets behind).</param>
public sealed record CertificateUsage(string CertificateId, UsageKind Kind, string Target, string Environment, string Via, bool Deployable = true);

public enum UsageKind
{
    Endpoint,
    Ingress,
    Workload,
    Asset,

    /// <summary>
    /// A Kubernetes TLS secret holding a copy of a store's certificate (same thumbprint); its target is the secret's own
    /// certificate id, <c>{source}:{cluster}:{namespace}:{secret}</c>. A rotation writes the new version into it and
    /// restarts the workloads that mount it.
    /// </summary>
    Secret,
}
