namespace Qlrf.Configuration.KeyVault;

/// <summary>How Key Vault secrets are read as configuration.</summary>
public sealed class KeyVaultSecretsOptions
{
    /// <summary>
    /// How often the vault is listed again, so a rotated secret reaches the apps without a restart; only secrets whose
    /// update time changed are read again. Default: every 30 minutes; <c>null</c> reads once, at start-up.
    /// </summary>
    public TimeSpan? ReloadInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock that decides which secrets are current (enabled, after not-before, before expiry) and drives reloads.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
