namespace Qlrf.Certificates;

/// <summary>What depends on a certificate, with counts by environment and kind: what breaks when it expires.</summary>
public sealed record BlastRadius(
    string CertificateId,
    IReadOnlyList<CertificateUsage> Usages,
    IReadOnlyDictionary<string, int> ByEnvironment,
    IReadOnlyDictionary<UsageKind, int> ByKind)
{
    public IReadOnlyList<string> Environments => [.. ByEnvironment.Keys];

    public static BlastRadius Of(string certificateId, IEnumerable<CertificateUsage> usages)
    {
        ArgumentNullException.ThrowIfNull(usages);
        var list = usages.Where(u => u.CertificateId == certificateId).Distinct().ToList();
        return new BlastRadius(
            certificateId,
            list,
            list.GroupBy(u => u.Environment, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            list.GroupBy(u => u.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }
}

/// <summary>Finds the usages of certificates: endpoints serving them, secret references, and assets behind endpoints. Pure.</summary>
public static class UsageResolver
{
    /// <summary>
    /// The usages of <paramref name="certificate"/>. An endpoint serving its thumbprint uses it (<c>thumbprint</c>); an
    /// endpoint whose host its SANs cover and that serves another certificate is a usage too (<c>san</c>): a rotation
    /// deploys there, and a stale copy is what expires. Assets behind an endpoint follow it, not deployable. A Kubernetes
    /// TLS secret among <paramref name="secrets"/> holding its thumbprint is a copy of it (<c>Secret</c>, deployable) when
    /// it is a store's certificate with versions of its own (not a secret's or an endpoint's); the ingresses naming that
    /// secret and the workloads mounting it follow the copy (<c>behind:{secret}</c>, not deployable: the secret's
    /// deployment restarts them).
    /// </summary>
    /// <param name="secrets">The organisation's Kubernetes TLS secret certificates (none: no copies are looked for).</param>
    public static IReadOnlyList<CertificateUsage> Resolve(Certificate certificate, IEnumerable<ServedEndpoint> endpoints, IEnumerable<SecretReferences> references, IEnumerable<Certificate>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(references);
        var referenceList = references as IReadOnlyCollection<SecretReferences> ?? [.. references];
        var usages = new List<CertificateUsage>();
        foreach (var endpoint in endpoints)
        {
            string? via = string.Equals(endpoint.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase) ? "thumbprint"
                : SanMatcher.Covers(certificate.SubjectAlternativeNames, endpoint.Host) ? "san"
                : null;
            if (via is null)
            {
                continue;
            }

            usages.Add(new CertificateUsage(certificate.Id, UsageKind.Endpoint, endpoint.Target, endpoint.Environment, via));
            usages.AddRange(endpoint.AssetsBehind.Select(a => new CertificateUsage(certificate.Id, UsageKind.Asset, a, endpoint.Environment, $"behind:{endpoint.Target}", Deployable: false)));
        }

        foreach (var reference in referenceList.Where(r => r.CertificateId == certificate.Id))
        {
            usages.AddRange(reference.Ingresses.Select(i => new CertificateUsage(certificate.Id, UsageKind.Ingress, i, reference.Environment, "secret-ref", Deployable: false)));
            usages.AddRange(reference.Workloads.Select(w => new CertificateUsage(certificate.Id, UsageKind.Workload, w, reference.Environment, "mount")));
        }

        if (certificate.StoreKind is not (CertificateStoreKinds.Kubernetes or CertificateStoreKinds.TlsEndpoint))
        {
            foreach (var copy in (secrets ?? []).Where(s => s.StoreKind == CertificateStoreKinds.Kubernetes && string.Equals(s.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                usages.Add(new CertificateUsage(certificate.Id, UsageKind.Secret, copy.Id, copy.Environment, "thumbprint"));
                foreach (var reference in referenceList.Where(r => r.CertificateId == copy.Id))
                {
                    usages.AddRange(reference.Ingresses.Select(i => new CertificateUsage(certificate.Id, UsageKind.Ingress, i, reference.Environment, $"behind:{copy.Id}", Deployable: false)));
                    usages.AddRange(reference.Workloads.Select(w => new CertificateUsage(certificate.Id, UsageKind.Workload, w, reference.Environment, $"behind:{copy.Id}", Deployable: false)));
                }
            }
        }

        return [.. usages.Distinct()];
    }
}
