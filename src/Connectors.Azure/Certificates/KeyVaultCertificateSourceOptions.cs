namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>
/// Settings of a certificate source of kind <c>key-vault</c> (<c>Qlrf:Certificates:Sources:{name}</c>): the vault, its
/// credential by reference (as an <c>azure</c> asset source's), and how often a rotation polls a pending new version.
/// </summary>
public sealed class KeyVaultCertificateSourceOptions
{
    /// <summary>The vault, e.g. <c>https://kv-prod.vault.azure.net/</c>.</summary>
    public string? VaultUri { get; set; }

    public AzureCredentialOptions Credentials { get; set; } = new();

    /// <summary>A PEM file of a CA to trust for the vault beside the system's (a private endpoint behind a TLS-inspecting proxy).</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// Accept a vault whose challenge names a resource outside the vault's own domain (a vault reached through a custom
    /// domain or a local test vault). Default false: the SDK refuses such a challenge so a token never goes elsewhere.
    /// </summary>
    public bool DisableChallengeResourceVerification { get; set; }

    /// <summary>How often a rotation asks whether its new version is issued. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a rotation waits for the issuer to issue the new version. Default 10 minutes.</summary>
    public TimeSpan IssueTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
