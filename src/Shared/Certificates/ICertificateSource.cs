namespace Qlrf.Certificates;

/// <summary>
/// A read-only connector that inventories one certificate store: Key Vault, Kubernetes TLS secrets, TLS endpoints, or
/// the sandbox. Each is swept on its own schedule into its organisation's inventory. Throws when it cannot produce a
/// trustworthy result, so a failed sweep never removes what it could not see.
/// </summary>
public interface ICertificateSource
{
    /// <summary>The configured name, unique within the host; certificate ids start with it.</summary>
    string Name { get; }

    string Kind { get; }

    string Organisation { get; }

    Task<CertificateSweepResult> SweepAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What one sweep of a source saw: certificates, what endpoints served, and secret references. <paramref name="Unreachable"/>
/// names certificate ids the source could not read this time (an endpoint that refused the handshake): their last known
/// state is kept, not removed.
/// </summary>
public sealed record CertificateSweepResult(
    IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<ServedEndpoint> Endpoints,
    IReadOnlyList<SecretReferences> References,
    IReadOnlyList<string>? Unreachable = null);

/// <summary>What a sweep changed, for the change history.</summary>
public enum CertificateChangeKind
{
    Added,
    Updated,
    Removed,
}

/// <summary>One entry of a certificate's change history.</summary>
public sealed record CertificateChange(string Organisation, string CertificateId, CertificateChangeKind Kind, string? OldThumbprint, string? NewThumbprint, DateTimeOffset At, string Source);
