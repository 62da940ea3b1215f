using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Qlrf.Certificates;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>
/// Reads the leaf certificate of a <c>kubernetes.io/tls</c> secret's <c>tls.crt</c> (PEM, leaf first, chain after). The
/// private key (<c>tls.key</c>) is never read: its bytes are zeroed as soon as the secret is deserialised, before the
/// certificate is parsed, and nothing keeps the secret object.
/// </summary>
internal static class TlsSecretCertificate
{
    public const string CertificateKey = "tls.crt";
    public const string PrivateKey = "tls.key";

    /// <summary>Zeroes every value of the secret except <c>tls.crt</c>, and drops them from the object.</summary>
    public static byte[]? TakeCertificate(IDictionary<string, byte[]>? data)
    {
        if (data is null)
        {
            return null;
        }

        data.TryGetValue(CertificateKey, out var certificate);
        foreach (var (key, value) in data)
        {
            if (key != CertificateKey && value is not null)
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }

        data.Clear();
        return certificate;
    }

    /// <summary>The leaf of a PEM <c>tls.crt</c> (or a DER one), or null when it holds no certificate.</summary>
    public static X509Certificate2? Leaf(byte[] tlsCrt)
    {
        ArgumentNullException.ThrowIfNull(tlsCrt);
        var text = System.Text.Encoding.ASCII.GetString(tlsCrt);
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                return X509CertificateLoader.LoadCertificate(der);
            }

            rest = rest[fields.Location.End..];
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(tlsCrt);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The inventory's record of a secret's certificate: id <c>{source}:{cluster}:{namespace}:{secret}</c>, version the secret's resourceVersion.</summary>
    public static Certificate ToCertificate(X509Certificate2 leaf, string organisation, string source, string cluster, string ns, string secret, string? resourceVersion, string environment, DateTimeOffset now) =>
        CertificateFacts.ToCertificate(leaf, organisation, source, CertificateStoreKinds.Kubernetes, Name(cluster, ns, secret), environment, now) with
        {
            Version = string.IsNullOrEmpty(resourceVersion) ? leaf.Thumbprint : resourceVersion,
        };

    /// <summary>A secret's name in the inventory, <c>{cluster}:{namespace}:{secret}</c> (no slash, so its id fits a URL path segment).</summary>
    public static string Name(string cluster, string ns, string secret) => $"{cluster}:{ns}:{secret}";

    /// <summary>Splits a name made by <see cref="Name"/>.</summary>
    public static (string Cluster, string Namespace, string Secret) ParseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split(':');
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? (parts[0], parts[1], parts[2])
            : throw new FormatException($"'{name}' is not a Kubernetes TLS secret name (cluster:namespace:secret).");
    }
}
