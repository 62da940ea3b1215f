using System.Security.Cryptography.X509Certificates;
using Azure.Security.KeyVault.Certificates;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>
/// The certificates of one Key Vault: for each, its current version (the one Key Vault serves by name) with what its
/// X.509 says (subject, issuer, expiry, SANs, thumbprint, key) and whether it is enabled. The policy fills the key when
/// the version has no certificate yet. Any failure to read the vault fails the sweep, so nothing is removed unseen.
/// </summary>
public sealed class KeyVaultCertificateSource(CertificateSourceDefinition definition, KeyVaultConnection connection, TimeProvider time) : ICertificateSource
{
    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    public async Task<CertificateSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var now = time.GetUtcNow();
        var certificates = new List<Certificate>();
        await foreach (var properties in client.GetPropertiesOfCertificatesAsync(includePending: false, cancellationToken))
        {
            var current = await client.GetCertificateAsync(properties.Name, cancellationToken);
            var certificate = ToCertificate(current.Value, now);
            if (certificate is not null)
            {
                certificates.Add(certificate);
            }
        }

        return new CertificateSweepResult(certificates, [], []);
    }

    /// <summary>The inventory's record of a vault certificate's current version; null while it has no issued certificate.</summary>
    internal Certificate? ToCertificate(KeyVaultCertificateWithPolicy current, DateTimeOffset seenAt)
    {
        if (current.Cer is not { Length: > 0 } der)
        {
            return null;
        }

        using var x509 = X509CertificateLoader.LoadCertificate(der);
        var record = CertificateFacts.ToCertificate(x509, Organisation, Name, CertificateStoreKinds.KeyVault, current.Name, definition.Environment, seenAt);
        var policy = current.Policy;
        return record with
        {
            Version = current.Properties.Version ?? record.Version,
            Enabled = current.Properties.Enabled ?? true,
            KeyType = record.KeyType.Length > 0 ? record.KeyType : policy?.KeyType?.ToString() ?? string.Empty,
            KeySize = record.KeySize > 0 ? record.KeySize : policy?.KeySize ?? 0,
        };
    }
}
