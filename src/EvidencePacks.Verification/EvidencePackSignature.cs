using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Qlrf.Compliance.EvidencePacks;

/// <summary>
/// The detached signature over index.json: ECDSA P-256 with SHA-256 (IEEE P1363 r‖s) or RSA-PSS with SHA-256, written as
/// one line <c>{algorithm} {base64}</c>, where algorithm is <c>ES256</c> or <c>PS256</c>.
/// </summary>
public static class EvidencePackSignature
{
    public const string EcdsaP256 = "ES256";

    public const string RsaPss = "PS256";

    /// <summary>Signs the bytes with the private key (an <see cref="ECDsa"/> on P-256 or an <see cref="RSA"/> key).</summary>
    public static string Sign(AsymmetricAlgorithm key, ReadOnlySpan<byte> data) => key switch
    {
        ECDsa ecdsa => $"{EcdsaP256} {Convert.ToBase64String(ecdsa.SignData(data, HashAlgorithmName.SHA256))}\n",
        RSA rsa => $"{RsaPss} {Convert.ToBase64String(rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))}\n",
        _ => throw new ArgumentException($"Evidence packs are signed with ECDSA P-256 or RSA keys, not {key?.GetType().Name}.", nameof(key)),
    };

    /// <summary>The public key as SubjectPublicKeyInfo PEM.</summary>
    public static string PublicKeyPem(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportSubjectPublicKeyInfoPem() + "\n";
    }

    /// <summary>The SHA-256 of the key's SubjectPublicKeyInfo, hex: what names a key in the API and in logs.</summary>
    public static string Fingerprint(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Why the signature does not verify over the bytes with the public key (PEM: a public key or a certificate), or null when it does.</summary>
    public static string? Check(string publicKeyPem, string signature, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var parts = signature.Trim().Split(' ', 2);
        if (parts.Length != 2)
        {
            return "the signature is not '{algorithm} {base64}'";
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return "the signature is not base64";
        }

        try
        {
            using var key = PublicKey(publicKeyPem, parts[0]);
            var valid = key switch
            {
                ECDsa ecdsa => ecdsa.VerifyData(data, bytes, HashAlgorithmName.SHA256),
                RSA rsa => rsa.VerifyData(data, bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                _ => false,
            };
            return valid ? null : "the signature does not match index.json";
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return "the public key cannot be read: " + ex.Message;
        }
    }

    private static AsymmetricAlgorithm PublicKey(string pem, string algorithm)
    {
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return algorithm == EcdsaP256
                ? certificate.GetECDsaPublicKey() ?? throw new ArgumentException("the certificate holds no ECDSA key")
                : certificate.GetRSAPublicKey() ?? throw new ArgumentException("the certificate holds no RSA key");
        }

        AsymmetricAlgorithm key = algorithm switch
        {
            EcdsaP256 => ECDsa.Create(),
            RsaPss => RSA.Create(),
            _ => throw new ArgumentException($"unknown signature algorithm '{algorithm}'"),
        };
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
