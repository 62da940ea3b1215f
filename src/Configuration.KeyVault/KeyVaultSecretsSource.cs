using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;

namespace Qlrf.Configuration.KeyVault;

/// <summary>The configuration source of <see cref="KeyVaultSecretsProvider"/>.</summary>
public sealed class KeyVaultSecretsSource(SecretClient client, KeyVaultSecretsOptions options) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new KeyVaultSecretsProvider(client, options);
}
