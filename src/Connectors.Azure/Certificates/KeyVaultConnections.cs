using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;

namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>
/// One <see cref="CertificateClient"/> per configured <c>key-vault</c> source, built from its section on first use and
/// shared by the source (inventory) and the issuer (rotations), so that each reaches its vault the same way. Secret
/// sources of kind <c>key-vault</c> (<c>Qlrf:Secrets:Sources</c>) get theirs the same way (<see cref="GetForSecrets"/>).
/// </summary>
public sealed class KeyVaultConnections(IConfiguration configuration) : IDisposable
{
    /// <summary>The configuration key of the certificate sources.</summary>
    public const string SourcesSection = "Qlrf:Certificates:Sources";

    /// <summary>The configuration key of the secret sources.</summary>
    public const string SecretSourcesSection = "Qlrf:Secrets:Sources";

    private readonly ConcurrentDictionary<string, Lazy<KeyVaultConnection>> connections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connection of the source named <paramref name="source"/>.</summary>
    public KeyVaultConnection Get(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return connections.GetOrAdd(source, name => new Lazy<KeyVaultConnection>(() => Create($"{SourcesSection}:{name}"))).Value;
    }

    /// <summary>The connection of the secret source named <paramref name="source"/>.</summary>
    public KeyVaultConnection GetForSecrets(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = $"{SecretSourcesSection}:{source}";
        return connections.GetOrAdd(path, p => new Lazy<KeyVaultConnection>(() => Create(p))).Value;
    }

    private KeyVaultConnection Create(string path)
    {
        var section = configuration.GetSection(path);
        if (!string.Equals(section["Kind"], Qlrf.Certificates.CertificateStoreKinds.KeyVault, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Setting '{path}:Kind' is not '{Qlrf.Certificates.CertificateStoreKinds.KeyVault}'.");
        }

        var options = section.Get<KeyVaultCertificateSourceOptions>() ?? new KeyVaultCertificateSourceOptions();
        return new KeyVaultConnection(options, path);
    }

    public void Dispose()
    {
        foreach (var connection in connections.Values.Where(c => c.IsValueCreated))
        {
            connection.Value.Dispose();
        }
    }
}

/// <summary>
/// A vault's clients as its source's settings describe it: the vault, the credential, the CA it trusts. The secret client
/// reads a certificate version's backing secret (its key material) for a deployment; neither client logs content.
/// </summary>
public sealed class KeyVaultConnection : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly X509Certificate2? authority;
    private readonly Lazy<SecretClient> secrets;

    public KeyVaultConnection(KeyVaultCertificateSourceOptions options, string settingPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        authority = options.CaCertificateFile is { } caFile ? X509Certificate2.CreateFromPem(File.ReadAllText(caFile)) : null;
        httpClient = ConnectorHttp.CreateClient(ConnectorHttp.CreateHandler(authority));
        var transport = new HttpClientTransport(httpClient);
        var clientOptions = new CertificateClientOptions { Transport = transport, DisableChallengeResourceVerification = options.DisableChallengeResourceVerification };
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        var vault = new Uri(options.VaultUri ?? throw new InvalidOperationException($"Setting '{settingPath}:VaultUri' is required."));
        var credential = AzureCredentials.Create(options.Credentials, settingPath, transport);
        Client = new CertificateClient(vault, credential, clientOptions);
        secrets = new Lazy<SecretClient>(() =>
        {
            var secretOptions = new SecretClientOptions { Transport = transport, DisableChallengeResourceVerification = options.DisableChallengeResourceVerification };
            secretOptions.Diagnostics.IsLoggingContentEnabled = false;
            return new SecretClient(vault, credential, secretOptions);
        });
    }

    public CertificateClient Client { get; }

    /// <summary>The vault's secrets client: reads the secrets backing certificate versions (the PFX or PEM with the private key) for deployers; secret sources make metadata-only calls and never read a value.</summary>
    public SecretClient Secrets => secrets.Value;

    public KeyVaultCertificateSourceOptions Options { get; }

    public void Dispose()
    {
        httpClient.Dispose();
        authority?.Dispose();
    }
}
