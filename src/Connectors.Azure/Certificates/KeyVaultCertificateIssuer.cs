using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Security.KeyVault.Certificates;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>
/// Issues a new version of a Key Vault certificate from its own policy (the policy's issuer, key and validity) and
/// waits for the issuer to complete it. Idempotent by the rotation id: the new version carries it as the tag
/// <see cref="RotationTag"/>, so a redelivered step finds the version it issued instead of issuing another; a step
/// redelivered while its version is still pending waits on that operation.
/// </summary>
public sealed class KeyVaultCertificateIssuer(KeyVaultConnections connections, ILogger<KeyVaultCertificateIssuer> logger) : ICertificateIssuer
{
    /// <summary>The tag on a version that names the rotation that issued it.</summary>
    public const string RotationTag = "qlrf-rotation";

    public string StoreKind => CertificateStoreKinds.KeyVault;

    public async Task<IssuedVersion> IssueAsync(Certificate certificate, NewVersionParameters parameters, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var connection = connections.Get(certificate.Store);
        var client = connection.Client;
        if (await FindIssuedAsync(client, certificate.Name, idempotencyKey, cancellationToken) is { } issued)
        {
            KeyVaultLogs.AlreadyIssued(logger, certificate.Id, issued.Version, idempotencyKey);
            return issued;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Options.IssueTimeout);
        var pending = await PendingAsync(client, certificate.Name, timeout.Token);
        if (pending is not null)
        {
            // Another request (perhaps this step's first delivery) is being issued: wait for it, then look again.
            await pending.WaitForCompletionAsync(connection.Options.PollInterval, timeout.Token);
            if (await FindIssuedAsync(client, certificate.Name, idempotencyKey, timeout.Token) is { } afterPending)
            {
                return afterPending;
            }
        }

        var policy = (await client.GetCertificatePolicyAsync(certificate.Name, timeout.Token)).Value;
        var tags = new Dictionary<string, string> { [RotationTag] = idempotencyKey };
        var operation = await client.StartCreateCertificateAsync(certificate.Name, policy, enabled: true, tags, timeout.Token);
        KeyVaultLogs.Issuing(logger, certificate.Id, idempotencyKey);
        var created = await operation.WaitForCompletionAsync(connection.Options.PollInterval, timeout.Token);
        return ToIssued(created.Value);
    }

    /// <summary>
    /// Key Vault has no "current version" to set: it serves its newest enabled version by name, so after a rollback the
    /// inventory keeps showing the version issued; the usages serve the previous one again and the next rotation replaces both.
    /// </summary>
    public Task<bool> RestoreAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken) => Task.FromResult(false);

    private static async Task<CertificateOperation?> PendingAsync(CertificateClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            var operation = await client.GetCertificateOperationAsync(name, cancellationToken);
            return operation.HasCompleted ? null : operation;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The version of the certificate tagged with this rotation, if one was issued.</summary>
    private static async Task<IssuedVersion?> FindIssuedAsync(CertificateClient client, string name, string idempotencyKey, CancellationToken cancellationToken)
    {
        await foreach (var version in client.GetPropertiesOfCertificateVersionsAsync(name, cancellationToken))
        {
            if (version.Tags.TryGetValue(RotationTag, out var tag) && tag == idempotencyKey && version.Version is { } id)
            {
                var issued = await client.GetCertificateVersionAsync(name, id, cancellationToken);
                return ToIssued(issued.Value);
            }
        }

        return null;
    }

    private static IssuedVersion ToIssued(KeyVaultCertificate version)
    {
        using var x509 = X509CertificateLoader.LoadCertificate(version.Cer);
        return new IssuedVersion(x509.Thumbprint, version.Properties.Version, new DateTimeOffset(x509.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
