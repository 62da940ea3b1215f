using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Qlrf.Certificates;

/// <summary>
/// A certificate version's material as a TLS secret holds it: the PEM chain (leaf first, then each issuer) and the PEM
/// (PKCS#8) private key. Not a record, and its <see cref="ToString"/> names only the thumbprint, so the key never
/// reaches a log or a serialiser by accident; <see cref="Dispose"/> zeroes both buffers.
/// </summary>
public sealed class CertificateMaterial : IDisposable
{
    private CertificateMaterial(string thumbprint, byte[] chainPem, byte[] privateKeyPem)
    {
        Thumbprint = thumbprint;
        CertificateChainPem = chainPem;
        PrivateKeyPem = privateKeyPem;
    }

    /// <summary>The leaf's SHA-1 thumbprint, upper-case hex.</summary>
    public string Thumbprint { get; }

    /// <summary>PEM <c>CERTIFICATE</c> blocks, leaf first (what <c>tls.crt</c> holds).</summary>
    public byte[] CertificateChainPem { get; }

    /// <summary>A PEM <c>PRIVATE KEY</c> block (what <c>tls.key</c> holds).</summary>
    public byte[] PrivateKeyPem { get; }

    /// <summary>
    /// The material of <paramref name="leaf"/> (which must hold its private key) and the issuers among
    /// <paramref name="others"/>, ordered leaf first by following each certificate's issuer.
    /// </summary>
    public static CertificateMaterial From(X509Certificate2 leaf, IEnumerable<X509Certificate2> others)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(others);
        var key = ExportKey(leaf);
        try
        {
            var chain = new StringBuilder(leaf.ExportCertificatePem()).Append('\n');
            var rest = others.Where(o => o.Thumbprint != leaf.Thumbprint).ToList();
            var current = leaf;
            while (current.Subject != current.Issuer && rest.FirstOrDefault(o => o.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData)) is { } issuer)
            {
                chain.Append(issuer.ExportCertificatePem()).Append('\n');
                rest.Remove(issuer);
                current = issuer;
            }

            return new CertificateMaterial(leaf.Thumbprint, Encoding.ASCII.GetBytes(chain.ToString()), key);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(key);
            throw;
        }
    }

    public override string ToString() => $"certificate material of {Thumbprint} (key withheld)";

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(PrivateKeyPem);
        CryptographicOperations.ZeroMemory(CertificateChainPem);
    }

    /// <summary>The leaf's private key as PEM PKCS#8 bytes; the intermediate DER and characters are zeroed.</summary>
    private static byte[] ExportKey(X509Certificate2 leaf)
    {
        if (!leaf.HasPrivateKey)
        {
            throw new InvalidOperationException($"Certificate {leaf.Thumbprint} comes without its private key.");
        }

        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)leaf.GetRSAPrivateKey() ?? (AsymmetricAlgorithm?)leaf.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"Certificate {leaf.Thumbprint} has a key that is neither RSA nor EC.");
        var der = key.ExportPkcs8PrivateKey();
        var text = PemEncoding.Write("PRIVATE KEY", der);
        try
        {
            var bytes = new byte[Encoding.ASCII.GetByteCount(text) + 1];
            Encoding.ASCII.GetBytes(text, bytes);
            bytes[^1] = (byte)'\n';
            return bytes;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            Array.Clear(text);
        }
    }
}
