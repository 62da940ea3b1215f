using System.Collections.Concurrent;
using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>
/// Issues new versions of sandbox certificates from the built-in CA; a repeated idempotency key returns the first version.
/// After a rollback it makes the previous version current again.
/// </summary>
public sealed class SandboxCertificateIssuer(SandboxPki pki) : ICertificateIssuer
{
    private readonly ConcurrentDictionary<string, IssuedVersion> issued = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public string StoreKind => CertificateStoreKinds.Sandbox;

    public Task<IssuedVersion> IssueAsync(Certificate certificate, NewVersionParameters parameters, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(parameters);
        lock (gate)
        {
            if (issued.TryGetValue(idempotencyKey, out var version))
            {
                return Task.FromResult(version);
            }

            var sans = parameters.SubjectAlternativeNames.Count > 0 ? parameters.SubjectAlternativeNames : [certificate.Name];
            var x509 = pki.Issue(certificate.Name, certificate.Environment, sans, TimeSpan.FromDays(parameters.ValidityDays), parameters.KeyType is "RSA" ? "RSA" : "EC");
            version = new IssuedVersion(x509.Thumbprint, x509.Thumbprint, new DateTimeOffset(x509.NotAfter.ToUniversalTime(), TimeSpan.Zero));
            issued[idempotencyKey] = version;
            return Task.FromResult(version);
        }
    }

    /// <summary>Makes the rolled-back-to version the CA's current one for the name, so the sandbox source reports it.</summary>
    public Task<bool> RestoreAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Task.FromResult(pki.Restore(certificate.Name, thumbprint));
    }
}
