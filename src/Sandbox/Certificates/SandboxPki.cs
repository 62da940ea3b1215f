using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Qlrf.Certificates;

namespace Qlrf.Sandbox.Certificates;

/// <summary>
/// The sandbox's built-in certificate authority: a root made when the host starts (it lives as long as the host) and
/// every certificate version it issued, by name and by thumbprint. Its root is a trust anchor for TLS scans.
/// </summary>
public sealed class SandboxPki(TimeProvider time) : ITrustAnchors, IDisposable
{
    public const string RootName = "CN=QL-RF Sandbox CA, O=QL-RF";

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<X509Certificate2>> versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, X509Certificate2> byThumbprint = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Name, string Environment)> specs = new(StringComparer.Ordinal);
    private X509Certificate2? root;

    public X509Certificate2 Root
    {
        get
        {
            lock (gate)
            {
                return root ??= CreateRoot();
            }
        }
    }

    public IReadOnlyList<X509Certificate2> Anchors => [X509CertificateLoader.LoadCertificate(Root.RawData)];

    /// <summary>The names the CA issued for, with their environments.</summary>
    public IReadOnlyList<(string Name, string Environment)> Names
    {
        get
        {
            lock (gate)
            {
                return [.. specs.Values];
            }
        }
    }

    /// <summary>Issues a version of <paramref name="name"/>: valid from a day ago until <paramref name="validity"/> from now.</summary>
    public X509Certificate2 Issue(string name, string environment, IReadOnlyList<string> sans, TimeSpan validity, string keyType)
    {
        ArgumentNullException.ThrowIfNull(sans);
        var now = time.GetUtcNow();
        var issuer = Root;
        using var key = Key(keyType);
        var request = keyType.Equals("RSA", StringComparison.OrdinalIgnoreCase)
            ? new CertificateRequest($"CN={sans[0]}", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={sans[0]}", (ECDsa)key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var san in sans)
        {
            if (System.Net.IPAddress.TryParse(san, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(san);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = now.AddDays(-1);
        var notAfter = now + validity;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issuerKey = issuer.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The sandbox CA has no private key.");
        var end = notAfter < notBefore ? notBefore.AddMinutes(1) : notAfter;
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, end, serial);
        using var withKey = key is RSA rsa ? issued.CopyWithPrivateKey(rsa) : issued.CopyWithPrivateKey((ECDsa)key);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        lock (gate)
        {
            if (!versions.TryGetValue(name, out var list))
            {
                versions[name] = list = [];
            }

            list.Add(certificate);
            byThumbprint[certificate.Thumbprint] = certificate;
            specs[name] = (name, environment);
        }

        return certificate;
    }

    /// <summary>The current version of <paramref name="name"/> (the latest issued, unless an older one was restored), or null.</summary>
    public X509Certificate2? Current(string name)
    {
        lock (gate)
        {
            return versions.TryGetValue(name, out var list) ? list[^1] : null;
        }
    }

    /// <summary>
    /// Makes the version of <paramref name="name"/> with <paramref name="thumbprint"/> its current one again (a rotation
    /// rolled back); the versions after it stay issued (their material stays readable). False when there is no such version.
    /// </summary>
    public bool Restore(string name, string thumbprint)
    {
        lock (gate)
        {
            if (!versions.TryGetValue(name, out var list) || list.FindIndex(c => string.Equals(c.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)) is var index && index < 0)
            {
                return false;
            }

            var restored = list[index];
            list.RemoveAt(index);
            list.Add(restored);
            return true;
        }
    }

    /// <summary>The version of <paramref name="name"/> with <paramref name="thumbprint"/>, or null.</summary>
    public X509Certificate2? Find(string name, string thumbprint)
    {
        lock (gate)
        {
            return versions.TryGetValue(name, out var list) ? list.FirstOrDefault(c => string.Equals(c.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)) : null;
        }
    }

    public X509Certificate2? Find(string thumbprint)
    {
        lock (gate)
        {
            return byThumbprint.GetValueOrDefault(thumbprint);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var certificate in byThumbprint.Values)
            {
                certificate.Dispose();
            }

            root?.Dispose();
        }
    }

    private static AsymmetricAlgorithm Key(string keyType) =>
        keyType.Equals("RSA", StringComparison.OrdinalIgnoreCase) ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private X509Certificate2 CreateRoot()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(RootName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-2), now.AddYears(10));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
