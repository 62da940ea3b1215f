using Azure;
using Azure.Security.KeyVault.Secrets;
using Moq;

namespace Qlrf.UnitTests.Configuration.KeyVault;

/// <summary>A vault in memory behind <see cref="SecretClient"/>'s virtual members, counting the secret reads.</summary>
public sealed class FakeSecretClient : SecretClient
{
    private readonly Dictionary<string, (SecretProperties Properties, string Value)> secrets = new(StringComparer.OrdinalIgnoreCase);
    private int updates;

    public int Reads { get; private set; }

    public int? FailWith { get; set; }

    public override Uri VaultUri { get; } = new("https://kv-test.vault.azure.net/");

    public SecretProperties Set(string name, string value, Action<SecretProperties>? configure = null)
    {
        var properties = SecretModelFactory.SecretProperties(
            id: new Uri(VaultUri, $"secrets/{name}"), vaultUri: VaultUri, name: name,
            updatedOn: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(++updates));
        configure?.Invoke(properties);
        secrets[name] = (properties, value);
        return properties;
    }

    public void Remove(string name) => secrets.Remove(name);

    public override AsyncPageable<SecretProperties> GetPropertiesOfSecretsAsync(CancellationToken cancellationToken = default)
    {
        Fail();
        return AsyncPageable<SecretProperties>.FromPages([Page<SecretProperties>.FromValues(secrets.Values.Select(s => s.Properties).ToList(), null, Mock.Of<Response>())]);
    }

    public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        Fail();
        Reads++;
        var (properties, value) = secrets[name];
        return Task.FromResult(Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, value), Mock.Of<Response>()));
    }

    private void Fail()
    {
        if (FailWith is { } status)
        {
            throw new RequestFailedException(status, "Forbidden", "Forbidden", null);
        }
    }
}
