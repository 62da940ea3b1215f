using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// The signing key of evidence packs, loaded once from <see cref="EvidencePackSigningOptions"/>: configured (a PEM or
/// PFX file, or a PEM value), else generated and kept at the local path, else missing (a pack fails, naming the setting).
/// </summary>
public sealed class EvidencePackSigningKey(IOptions<EvidencePackSigningOptions> options, ILogger<EvidencePackSigningKey> logger) : IDisposable
{
    private readonly Lazy<(AsymmetricAlgorithm Key, string Source)> key = new(() => Load(options.Value, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the key came from: <c>Qlrf:Compliance:Signing:KeyPath</c>, <c>…:Key</c> or <c>local:{path}</c>.</summary>
    public string Source => key.Value.Source;

    public string Algorithm => key.Value.Key is ECDsa ? EvidencePackSignature.EcdsaP256 : EvidencePackSignature.RsaPss;

    public string Fingerprint => EvidencePackSignature.Fingerprint(key.Value.Key);

    public string PublicKeyPem => EvidencePackSignature.PublicKeyPem(key.Value.Key);

    public string Sign(ReadOnlySpan<byte> data) => EvidencePackSignature.Sign(key.Value.Key, data);

    public EvidencePackSigner Describe() => new(Algorithm, Fingerprint, Source);

    public void Dispose()
    {
        if (key.IsValueCreated)
        {
            key.Value.Key.Dispose();
        }
    }

    /// <summary>Reads the configured key, or explains, naming the setting, why it cannot; null when none is configured.</summary>
    public static string? Problem(EvidencePackSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.KeyPath is null && options.Key is null)
        {
            return null;
        }

        try
        {
            using var loaded = Configured(options).Key;
            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    private static (AsymmetricAlgorithm Key, string Source) Load(EvidencePackSigningOptions options, ILogger logger)
    {
        if (options.KeyPath is not null || options.Key is not null)
        {
            return Configured(options);
        }

        var path = options.LocalKeyPath ?? throw new InvalidOperationException(
            $"Missing setting '{EvidencePackSigningOptions.Section}:Key' (or '{EvidencePackSigningOptions.Section}:KeyPath'): evidence packs need a signing key (ECDSA P-256 or RSA, PEM or PFX; on Azure the Key Vault secret 'Qlrf--Compliance--Signing--Key').");
        var source = "local:" + path;
        if (File.Exists(path))
        {
            return (Private(File.ReadAllText(path), null, source), source);
        }

        var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, generated.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: false);
        var fullPath = Path.GetFullPath(path);
        var fingerprint = EvidencePackSignature.Fingerprint(generated);
        EvidencePackLogs.GeneratedSigningKey(logger, fullPath, fingerprint, EvidencePackSigningOptions.Section);
        return (generated, source);
    }

    private static (AsymmetricAlgorithm Key, string Source) Configured(EvidencePackSigningOptions options)
    {
        if (options.KeyPath is { } path)
        {
            var setting = EvidencePackSigningOptions.Section + ":KeyPath";
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Setting '{setting}' names '{path}', which does not exist.");
            }

            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.KeyPassword, X509KeyStorageFlags.EphemeralKeySet);
                    AsymmetricAlgorithm? key = certificate.GetECDsaPrivateKey();
                    key ??= certificate.GetRSAPrivateKey();
                    return (Checked(key ?? throw new InvalidOperationException($"Setting '{setting}': the PFX '{path}' holds no ECDSA or RSA private key."), setting), setting);
                }
                catch (CryptographicException ex)
                {
                    throw new InvalidOperationException($"Setting '{setting}': cannot read the PFX '{path}' (wrong '{EvidencePackSigningOptions.Section}:KeyPassword'?): {ex.Message}", ex);
                }
            }

            return (Private(File.ReadAllText(path), options.KeyPassword, setting), setting);
        }

        var keySetting = EvidencePackSigningOptions.Section + ":Key";
        return (Private(options.Key!, options.KeyPassword, keySetting), keySetting);
    }

    private static AsymmetricAlgorithm Private(string pem, string? password, string setting)
    {
        var encrypted = pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal);
        var failures = new List<string>();
        foreach (var key in new AsymmetricAlgorithm[] { ECDsa.Create(), RSA.Create() })
        {
            try
            {
                if (encrypted)
                {
                    key.ImportFromEncryptedPem(pem, password ?? throw new InvalidOperationException($"Setting '{setting}' is an encrypted key; set '{EvidencePackSigningOptions.Section}:KeyPassword'."));
                }
                else
                {
                    key.ImportFromPem(pem);
                }

                if (!HasPrivate(key))
                {
                    throw new ArgumentException("it is a public key; a private key is needed");
                }

                return Checked(key, setting);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                failures.Add(ex.Message);
                key.Dispose();
            }
        }

        throw new InvalidOperationException($"Setting '{setting}' holds no readable ECDSA or RSA private key in PEM: {failures.Last()}");
    }

    private static bool HasPrivate(AsymmetricAlgorithm key)
    {
        try
        {
            _ = key is ECDsa ecdsa ? ecdsa.ExportParameters(true).D : ((RSA)key).ExportParameters(true).D;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static AsymmetricAlgorithm Checked(AsymmetricAlgorithm key, string setting) => key switch
    {
        ECDsa { KeySize: 256 } => key,
        ECDsa => throw new InvalidOperationException($"Setting '{setting}' holds an ECDSA key on a {key.KeySize}-bit curve; evidence packs use P-256."),
        RSA { KeySize: >= 2048 } => key,
        _ => throw new InvalidOperationException($"Setting '{setting}' holds a {key.KeySize}-bit RSA key; at least 2048 bits are needed."),
    };
}

/// <summary>Start-up validation of the configured signing key: fails naming the setting that does not hold a usable key.</summary>
internal sealed class EvidencePackSigningOptionsValidator : IValidateOptions<EvidencePackSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidencePackSigningOptions options) =>
        EvidencePackSigningKey.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
