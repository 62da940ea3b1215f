using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>
/// Creates certificate sources of kind <c>key-vault</c>. Settings: <c>VaultUri</c> (https), <c>Credentials</c> (by
/// reference; none means <c>DefaultAzureCredential</c>, e.g. the managed identity), <c>CaCertificateFile</c>,
/// <c>PollInterval</c> and <c>IssueTimeout</c>.
/// </summary>
public sealed class KeyVaultCertificateSourceFactory(KeyVaultConnections connections, TimeProvider time) : ICertificateSourceFactory
{
    public string Kind => CertificateStoreKinds.KeyVault;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = section.Get<KeyVaultCertificateSourceOptions>() ?? new KeyVaultCertificateSourceOptions();
        if (!Uri.TryCreate(options.VaultUri, UriKind.Absolute, out var vault) || vault.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"{settingPath}:VaultUri must be the vault's https URI, e.g. https://kv-prod.vault.azure.net/.";
        }

        if (options.PollInterval <= TimeSpan.Zero || options.IssueTimeout <= TimeSpan.Zero)
        {
            yield return $"{settingPath}:PollInterval and {settingPath}:IssueTimeout must be positive.";
        }

        if (options.CaCertificateFile is { } file && !File.Exists(file))
        {
            yield return $"{settingPath}:CaCertificateFile: there is no file '{file}'.";
        }

        var credentials = options.Credentials;
        if (credentials.ClientSecretVariable is not null && (credentials.TenantId is null || credentials.ClientId is null))
        {
            yield return $"{settingPath}:Credentials:ClientSecretVariable needs TenantId and ClientId.";
        }
    }

    public ICertificateSource Create(CertificateSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new KeyVaultCertificateSource(definition, connections.Get(definition.Name), time);
    }
}
