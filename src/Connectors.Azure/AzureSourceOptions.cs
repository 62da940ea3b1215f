namespace Qlrf.Connectors.Azure;

/// <summary>Settings of an <c>azure</c> source: the subscriptions it reads and its credentials (by reference).</summary>
public sealed class AzureSourceOptions : SourceSettings
{
    /// <summary>The subscription ids to read. Empty: every subscription the identity can see.</summary>
    public List<string> Subscriptions { get; } = [];

    public AzureCredentialOptions Credentials { get; set; } = new();

    /// <summary>The Azure Resource Manager endpoint. Default <c>https://management.azure.com/</c> (sovereign clouds and Azure Stack Hub have their own).</summary>
    public string Endpoint { get; set; } = "https://management.azure.com/";

    /// <summary>The token audience of <see cref="Endpoint"/>. Default <c>https://management.azure.com/</c>.</summary>
    public string Audience { get; set; } = "https://management.azure.com/";

    /// <summary>A PEM file of the CA of <see cref="Endpoint"/> and <see cref="AzureCredentialOptions.AuthorityHost"/>, when the system does not trust it (Azure Stack Hub).</summary>
    public string? CaCertificateFile { get; set; }
}

/// <summary>
/// Credentials by reference. <c>ClientSecretVariable</c> (with TenantId and ClientId): a service principal
/// whose secret is in that environment variable. <c>ManagedIdentityClientId</c>: that user-assigned managed
/// identity. <c>AccessTokenVariable</c>: a bearer token in that variable. None: <c>DefaultAzureCredential</c>
/// (environment, workload identity, managed identity, Azure CLI).
/// </summary>
public sealed class AzureCredentialOptions
{
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecretVariable { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    public string? AccessTokenVariable { get; set; }

    /// <summary>The Microsoft Entra authority. Default <c>https://login.microsoftonline.com/</c>.</summary>
    public string? AuthorityHost { get; set; }
}
