using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;

namespace Qlrf.Configuration.KeyVault;

/// <summary>
/// Serves a vault's current secrets as settings (<see cref="KeyVaultSecretNames"/>): enabled ones, past their
/// not-before and before their expiry. It lists the vault at start-up, failing start-up with the vault's name when it
/// cannot, and again every <see cref="KeyVaultSecretsOptions.ReloadInterval"/>, reading only the secrets whose update
/// time changed and signalling a reload when a value changed. A failed reload keeps the values it had.
/// </summary>
public sealed class KeyVaultSecretsProvider : ConfigurationProvider, IDisposable
{
    private readonly SecretClient client;
    private readonly KeyVaultSecretsOptions options;
    private readonly SemaphoreSlim loading = new(1, 1);
    private Dictionary<string, LoadedSecret> loaded = new(StringComparer.OrdinalIgnoreCase);
    private ITimer? timer;

    public KeyVaultSecretsProvider(SecretClient client, KeyVaultSecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.options = options;
    }

    public override void Load()
    {
        try
        {
            LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (RequestFailedException ex)
        {
            throw new InvalidOperationException(
                $"The Key Vault {client.VaultUri} (setting '{KeyVaultConfigurationExtensions.EndpointSetting}') could not be read: {ex.Status} {ex.ErrorCode}. " +
                "The app's identity needs the Key Vault Secrets User role on it.", ex);
        }

        if (timer is null && options.ReloadInterval is { } every)
        {
            timer = options.Time.CreateTimer(_ => _ = ReloadAsync(), null, every, every);
        }
    }

    /// <summary>Lists the vault again; true when a setting changed (and a reload was signalled).</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (await LoadAsync(cancellationToken))
            {
                OnReload();
                return true;
            }
        }
        catch (RequestFailedException)
        {
            // Keep serving the values read last; the next interval tries again.
        }

        return false;
    }

    public void Dispose()
    {
        timer?.Dispose();
        loading.Dispose();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            var now = options.Time.GetUtcNow();
            var next = new Dictionary<string, LoadedSecret>(StringComparer.OrdinalIgnoreCase);
            await foreach (var properties in client.GetPropertiesOfSecretsAsync(cancellationToken))
            {
                if (!IsCurrent(properties, now))
                {
                    continue;
                }

                if (loaded.TryGetValue(properties.Name, out var known) && known.UpdatedOn == properties.UpdatedOn)
                {
                    next[properties.Name] = known;
                    continue;
                }

                var secret = (await client.GetSecretAsync(properties.Name, null, cancellationToken)).Value;
                next[properties.Name] = new LoadedSecret(properties.UpdatedOn, secret.Value);
            }

            var changed = next.Count != loaded.Count || next.Any(s => !loaded.TryGetValue(s.Key, out var before) || before.Value != s.Value.Value);
            loaded = next;
            Data = next.ToDictionary(s => KeyVaultSecretNames.ToConfigurationKey(s.Key), s => (string?)s.Value.Value, StringComparer.OrdinalIgnoreCase);
            return changed;
        }
        finally
        {
            loading.Release();
        }
    }

    private static bool IsCurrent(SecretProperties secret, DateTimeOffset now) =>
        secret.Enabled != false
        && (secret.NotBefore is null || secret.NotBefore <= now)
        && (secret.ExpiresOn is null || secret.ExpiresOn > now);

    private sealed record LoadedSecret(DateTimeOffset? UpdatedOn, string Value);
}
