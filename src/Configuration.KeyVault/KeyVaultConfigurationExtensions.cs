using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;

namespace Qlrf.Configuration.KeyVault;

public static class KeyVaultConfigurationExtensions
{
    /// <summary>The vault whose secrets are read as configuration, e.g. <c>https://kv-abc.vault.azure.net/</c> (set by infra/).</summary>
    public const string EndpointSetting = "AZURE_KEY_VAULT_ENDPOINT";

    /// <summary>Adds the secrets of the vault named by <see cref="EndpointSetting"/>, if it is set, read with <paramref name="credential"/>.</summary>
    public static IConfigurationManager AddKeyVaultSecretsIfConfigured(this IConfigurationManager configuration, TokenCredential credential, KeyVaultSecretsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(credential);
        if (configuration[EndpointSetting] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var vault) || vault.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException($"Setting '{EndpointSetting}' must be the vault's https URI, not '{endpoint}'.");
            }

            configuration.AddKeyVaultSecrets(new SecretClient(vault, credential), options);
        }

        return configuration;
    }

    /// <summary>Adds the secrets <paramref name="client"/> reads as configuration (<see cref="KeyVaultSecretsProvider"/>).</summary>
    public static IConfigurationBuilder AddKeyVaultSecrets(this IConfigurationBuilder builder, SecretClient client, KeyVaultSecretsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new KeyVaultSecretsSource(client, options ?? new KeyVaultSecretsOptions()));
    }
}
