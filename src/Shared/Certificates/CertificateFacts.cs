using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Certificates;

/// <summary>What an X.509 certificate says, in the inventory's terms.</summary>
public static class CertificateFacts
{
    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return extension is null
            ? []
            : [.. extension.EnumerateDnsNames(), .. extension.EnumerateIPAddresses().Select(a => a.ToString())];
    }

    public static (string Type, int Size) Key(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return ("RSA", rsa.KeySize);
        }

        using var ec = certificate.GetECDsaPublicKey();
        return ec is not null ? ("EC", ec.KeySize) : (certificate.PublicKey.Oid.FriendlyName ?? "unknown", 0);
    }

    /// <summary>The inventory's record of a certificate a store holds.</summary>
    public static Certificate ToCertificate(X509Certificate2 x509, string organisation, string store, string storeKind, string name, string environment, DateTimeOffset seenAt)
    {
        ArgumentNullException.ThrowIfNull(x509);
        var (type, size) = Key(x509);
        return new Certificate
        {
            Id = $"{store}:{name}",
            Organisation = organisation,
            Store = store,
            StoreKind = storeKind,
            Name = name,
            Environment = environment,
            Subject = x509.Subject,
            Issuer = x509.Issuer,
            Thumbprint = x509.Thumbprint,
            SerialNumber = x509.SerialNumber,
            NotBefore = new DateTimeOffset(x509.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(x509.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            SubjectAlternativeNames = SubjectAlternativeNames(x509),
            SignatureAlgorithm = x509.SignatureAlgorithm.FriendlyName ?? x509.SignatureAlgorithm.Value ?? string.Empty,
            KeyType = type,
            KeySize = size,
            Version = x509.Thumbprint,
            SeenAt = seenAt,
        };
    }
}
