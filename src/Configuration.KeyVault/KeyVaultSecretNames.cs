using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Qlrf.Configuration.KeyVault;

/// <summary>
/// Key Vault secret names hold only letters, digits and dashes (1 to 127 of them), so a setting's section separator
/// <c>:</c> is written <c>--</c>: the secret <c>Qlrf--Notifications--Slack--BotToken</c> is the setting
/// <c>Qlrf:Notifications:Slack:BotToken</c>, the same rule the app settings' <c>__</c> follows.
/// </summary>
public static partial class KeyVaultSecretNames
{
    public const string Separator = "--";

    public static bool IsValid(string? secretName) => secretName is not null && ValidName().IsMatch(secretName);

    /// <summary>The setting a secret serves.</summary>
    public static string ToConfigurationKey(string secretName)
    {
        ArgumentNullException.ThrowIfNull(secretName);
        return secretName.Replace(Separator, ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
    }

    /// <summary>The secret to create for a setting; throws, naming it, for a setting no secret can hold.</summary>
    public static string ToSecretName(string configurationKey)
    {
        ArgumentNullException.ThrowIfNull(configurationKey);
        var name = configurationKey.Replace(ConfigurationPath.KeyDelimiter, Separator, StringComparison.Ordinal);
        return IsValid(name) && !name.Contains("---", StringComparison.Ordinal)
            ? name
            : throw new ArgumentException($"The setting '{configurationKey}' cannot be a Key Vault secret: names hold only letters, digits and single dashes, up to 127 characters.", nameof(configurationKey));
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex ValidName();
}
