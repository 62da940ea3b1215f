using Qlrf.Certificates;

namespace Qlrf.Secrets;

/// <summary>What a sweep's record of a secret changed against the last one (the same rule for every store). Pure.</summary>
public static class SecretChanges
{
    /// <summary>Added when there was none, Updated when its content differs, null when nothing changed.</summary>
    public static SecretChange? Of(string organisation, string source, Secret? old, Secret seen, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return old is null ? new SecretChange(organisation, seen.Id, CertificateChangeKind.Added, null, seen.Version, at, source)
            : old.SameContentAs(seen) ? null
            : new SecretChange(organisation, seen.Id, CertificateChangeKind.Updated, old.Version, seen.Version, at, source);
    }
}
