using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>
/// Reads a Key Vault certificate version's material from the secret that backs it (same name and version): a PKCS#12
/// (<c>application/x-pkcs12</c>, base64) or PEM (<c>application/x-pem-file</c>) holding the key and the chain. The version
/// is found by its X.509 thumbprint among the certificate's versions. The secret's value is decoded in memory and the
/// decoded bytes zeroed; nothing of it is logged. Needs <c>secrets/get</c> (Key Vault Secrets User) on the vault.
/// </summary>
public sealed class KeyVaultCertificateMaterialSource(KeyVaultConnections connections, ILogger<KeyVaultCertificateMaterialSource> logger) : ICertificateMaterialSource
{
    public const string PemContentType = "application/x-pem-file";

    public string StoreKind => CertificateStoreKinds.KeyVault;

    public async Task<CertificateMaterial> GetMaterialAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(thumbprint);
        var connection = connections.Get(certificate.Store);
        var version = await FindVersionAsync(connection, certificate, thumbprint, cancellationToken);
        KeyVaultSecret secret;
        try
        {
            secret = (await connection.Secrets.GetSecretAsync(certificate.Name, version, cancellationToken)).Value;
        }
        catch (RequestFailedException ex)
        {
            throw new InvalidOperationException($"Key Vault source '{certificate.Store}': reading the secret of {certificate.Id} version {version} failed: HTTP {ex.Status} {ex.ErrorCode}.", ex);
        }

        var certificates = Load(secret, certificate.Id, version);
        try
        {
            var leaf = certificates.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new InvalidOperationException($"The secret of {certificate.Id} version {version} holds no private key (is the policy's key exportable?).");
            if (!string.Equals(leaf.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The secret of {certificate.Id} version {version} holds certificate {leaf.Thumbprint}, not {thumbprint}.");
            }

            KeyVaultLogs.MaterialRead(logger, certificate.Id, version);
            return CertificateMaterial.From(leaf, certificates);
        }
        finally
        {
            foreach (var x509 in certificates)
            {
                x509.Dispose();
            }
        }
    }

    private static async Task<string> FindVersionAsync(KeyVaultConnection connection, Certificate certificate, string thumbprint, CancellationToken cancellationToken)
    {
        await foreach (var version in connection.Client.GetPropertiesOfCertificateVersionsAsync(certificate.Name, cancellationToken))
        {
            if (version.X509Thumbprint is { } x5t && string.Equals(Convert.ToHexString(x5t), thumbprint, StringComparison.OrdinalIgnoreCase) && version.Version is { } id)
            {
                return id;
            }
        }

        throw new InvalidOperationException($"Key Vault source '{certificate.Store}': {certificate.Id} has no version with thumbprint {thumbprint}.");
    }

    private static X509Certificate2Collection Load(KeyVaultSecret secret, string certificateId, string version)
    {
        if (string.Equals(secret.Properties.ContentType, PemContentType, StringComparison.OrdinalIgnoreCase))
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(secret.Value);
            if (collection.Count == 0)
            {
                throw new InvalidOperationException($"The PEM secret of {certificateId} version {version} holds no certificate.");
            }

            // The key comes with the first certificate, the leaf; the rest of the collection is the chain.
            var leaf = X509Certificate2.CreateFromPem(secret.Value, secret.Value);
            var ordered = new X509Certificate2Collection(leaf);
            foreach (var other in collection)
            {
                if (other.Thumbprint == leaf.Thumbprint)
                {
                    other.Dispose();
                }
                else
                {
                    ordered.Add(other);
                }
            }

            return ordered;
        }

        byte[] pfx;
        try
        {
            pfx = Convert.FromBase64String(secret.Value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"The secret of {certificateId} version {version} is neither PEM nor base64 PKCS#12 (content type '{secret.Properties.ContentType}').", ex);
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12Collection(pfx, null, X509KeyStorageFlags.Exportable);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }
}
