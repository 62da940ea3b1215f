using Azure.Core;
using Microsoft.Extensions.Configuration;
using Qlrf.Configuration.KeyVault;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Configuration.KeyVault;

public sealed class KeyVaultSecretsProviderTests
{
    private readonly FakeSecretClient vault = new();
    private readonly ManualTimeProvider time = new();

    [Theory]
    [InlineData("Qlrf--Notifications--Slack--BotToken", "Qlrf:Notifications:Slack:BotToken")]
    [InlineData("Qlrf--Approvals--Links--SigningKey", "Qlrf:Approvals:Links:SigningKey")]
    [InlineData("plain-name", "plain-name")]
    public void A_secret_name_is_its_setting_with_double_dashes_for_colons(string secret, string setting)
    {
        Assert.Equal(setting, KeyVaultSecretNames.ToConfigurationKey(secret));
        Assert.Equal(secret, KeyVaultSecretNames.ToSecretName(setting));
    }

    [Theory]
    [InlineData("Qlrf:Discovery:Sources:aws_prod:Secret")]
    [InlineData("Qlrf:Channels:-Odd")]
    [InlineData("")]
    public void A_setting_no_secret_name_can_hold_is_refused_by_name(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => KeyVaultSecretNames.ToSecretName(setting));

        Assert.Contains($"'{setting}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_secrets_become_settings_and_disabled_expired_or_not_yet_valid_ones_do_not()
    {
        vault.Set("Qlrf--Notifications--Slack--BotToken", "xoxb-1");
        vault.Set("Qlrf--Notifications--Teams--WebhookUrl", "https://teams.example/hook", p => p.ExpiresOn = time.GetUtcNow().AddDays(1));
        vault.Set("Qlrf--Disabled", "no", p => p.Enabled = false);
        vault.Set("Qlrf--Expired", "no", p => p.ExpiresOn = time.GetUtcNow().AddSeconds(-1));
        vault.Set("Qlrf--Later", "no", p => p.NotBefore = time.GetUtcNow().AddMinutes(1));

        var configuration = Build();

        Assert.Equal("xoxb-1", configuration["Qlrf:Notifications:Slack:BotToken"]);
        Assert.Equal("https://teams.example/hook", configuration["Qlrf:Notifications:Teams:WebhookUrl"]);
        Assert.Null(configuration["Qlrf:Disabled"]);
        Assert.Null(configuration["Qlrf:Expired"]);
        Assert.Null(configuration["Qlrf:Later"]);
    }

    [Fact]
    public async Task A_reload_reads_only_changed_secrets_and_signals_a_change_only_when_a_value_changed()
    {
        vault.Set("Qlrf--A", "1");
        vault.Set("Qlrf--B", "2");
        var (configuration, provider) = BuildWithProvider();
        var signalled = 0;
        using var _ = configuration.GetReloadToken().RegisterChangeCallback(_ => signalled++, null);
        Assert.Equal(2, vault.Reads);

        Assert.False(await provider.ReloadAsync());
        Assert.Equal(2, vault.Reads);

        vault.Set("Qlrf--B", "rotated");
        vault.Remove("Qlrf--A");
        Assert.True(await provider.ReloadAsync());

        Assert.Equal(3, vault.Reads);
        Assert.Equal("rotated", configuration["Qlrf:B"]);
        Assert.Null(configuration["Qlrf:A"]);
        Assert.Equal(1, signalled);
    }

    [Fact]
    public async Task A_failed_reload_keeps_the_values_read_last()
    {
        vault.Set("Qlrf--A", "1");
        var (configuration, provider) = BuildWithProvider();

        vault.FailWith = 503;

        Assert.False(await provider.ReloadAsync());
        Assert.Equal("1", configuration["Qlrf:A"]);
    }

    [Fact]
    public void A_vault_the_app_cannot_read_fails_start_up_naming_the_vault_and_its_setting()
    {
        vault.FailWith = 403;

        var error = Assert.Throws<InvalidOperationException>(() => Build());

        Assert.Contains("https://kv-test.vault.azure.net/", error.Message, StringComparison.Ordinal);
        Assert.Contains("'AZURE_KEY_VAULT_ENDPOINT'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_vault_setting_is_optional_but_must_be_an_https_uri_when_given()
    {
        using var none = new ConfigurationManager();
        none.AddKeyVaultSecretsIfConfigured(new NoCredential());
        Assert.DoesNotContain(none.Sources, s => s is KeyVaultSecretsSource);

        using var bad = new ConfigurationManager();
        bad[KeyVaultConfigurationExtensions.EndpointSetting] = "kv-test";
        var error = Assert.Throws<InvalidOperationException>(() => bad.AddKeyVaultSecretsIfConfigured(new NoCredential()));
        Assert.Contains("'AZURE_KEY_VAULT_ENDPOINT'", error.Message, StringComparison.Ordinal);
    }

    private IConfigurationRoot Build() => BuildWithProvider().Configuration;

    private (IConfigurationRoot Configuration, KeyVaultSecretsProvider Provider) BuildWithProvider()
    {
        var configuration = new ConfigurationBuilder()
            .AddKeyVaultSecrets(vault, new KeyVaultSecretsOptions { ReloadInterval = null, Time = time })
            .Build();
        return (configuration, configuration.Providers.OfType<KeyVaultSecretsProvider>().Single());
    }

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
