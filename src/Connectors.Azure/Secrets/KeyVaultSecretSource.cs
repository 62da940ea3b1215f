using System.Globalization;
using Azure.Security.KeyVault.Secrets;
using Qlrf.Certificates;
using Qlrf.Connectors.Azure.Certificates;
using Qlrf.Secrets;

namespace Qlrf.Connectors.Azure.Secrets;

/// <summary>
/// The secrets of one Key Vault, as metadata only: it lists secret properties and each secret's version properties
/// (<c>GET /secrets</c>, <c>GET /secrets/{name}/versions</c>) and never gets a secret, so no value is ever requested.
/// The current version is the newest created. Secrets Key Vault manages for its certificates are left to the certificate
/// inventory. Tags give what Key Vault has no field for: <see cref="RotationDaysTag"/>, <see cref="EnvironmentTag"/> and
/// <see cref="WorkloadsTag"/>. Any failure to read the vault fails the sweep, so nothing is removed unseen.
/// </summary>
public sealed class KeyVaultSecretSource(CertificateSourceDefinition definition, KeyVaultConnection connection, TimeProvider time) : ISecretSource
{
    /// <summary>The tag holding the rotation policy in days.</summary>
    public const string RotationDaysTag = "rotation-days";

    /// <summary>The tag naming the secret's environment (else the source's).</summary>
    public const string EnvironmentTag = "environment";

    /// <summary>The tag listing the workloads that use the secret, comma-separated.</summary>
    public const string WorkloadsTag = "workloads";

    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    public async Task<SecretSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var client = connection.Secrets;
        var now = time.GetUtcNow();
        var secrets = new List<Secret>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync(cancellationToken))
        {
            if (properties.Managed)
            {
                continue;
            }

            SecretProperties? current = null;
            await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(properties.Name, cancellationToken))
            {
                if (current is null || (version.CreatedOn ?? DateTimeOffset.MinValue) > (current.CreatedOn ?? DateTimeOffset.MinValue))
                {
                    current = version;
                }
            }

            secrets.Add(ToSecret(properties, current ?? properties, now));
        }

        return new SecretSweepResult(secrets);
    }

    private Secret ToSecret(SecretProperties secret, SecretProperties current, DateTimeOffset seenAt)
    {
        var tags = current.Tags.Count > 0 ? current.Tags : secret.Tags;
        return new Secret
        {
            Id = $"{Name}:{secret.Name}",
            Organisation = Organisation,
            Store = Name,
            StoreKind = SecretStoreKinds.KeyVault,
            Name = secret.Name,
            Environment = tags.TryGetValue(EnvironmentTag, out var environment) && !string.IsNullOrWhiteSpace(environment) ? environment : definition.Environment,
            Version = current.Version ?? string.Empty,
            CreatedAt = current.CreatedOn,
            UpdatedAt = current.UpdatedOn,
            ExpiresAt = current.ExpiresOn,
            Enabled = current.Enabled ?? true,
            ContentType = current.ContentType ?? secret.ContentType ?? string.Empty,
            RotationDays = tags.TryGetValue(RotationDaysTag, out var days) && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : null,
            Workloads = tags.TryGetValue(WorkloadsTag, out var workloads)
                ? [.. workloads.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)]
                : [],
            SeenAt = seenAt,
        };
    }
}

/// <summary>
/// Creates secret sources of kind <c>key-vault</c> (<c>Qlrf:Secrets:Sources:{name}</c>), with a certificate source's
/// settings: <c>VaultUri</c> (https), <c>Credentials</c>, <c>CaCertificateFile</c>, <c>DisableChallengeResourceVerification</c>.
/// </summary>
public sealed class KeyVaultSecretSourceFactory(KeyVaultConnections connections, TimeProvider time) : ISecretSourceFactory
{
    public string Kind => SecretStoreKinds.KeyVault;

    public IEnumerable<string> Validate(string settingPath, Microsoft.Extensions.Configuration.IConfiguration section) =>
        new KeyVaultCertificateSourceFactory(connections, time).Validate(settingPath, section);

    public ISecretSource Create(CertificateSourceDefinition definition, Microsoft.Extensions.Configuration.IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new KeyVaultSecretSource(definition, connections.GetForSecrets(definition.Name), time);
    }
}
