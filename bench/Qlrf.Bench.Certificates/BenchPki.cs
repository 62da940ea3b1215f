using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Bench.Certificates;

/// <summary>A CA and a few EC P-256 leaves it issued, for the loopback endpoints; the probe trusts the CA.</summary>
internal sealed class BenchPki : IDisposable
{
    public BenchPki(int leaves)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=QL-RF Bench CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = TimeProvider.System.GetUtcNow();
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        Ca = X509CertificateLoader.LoadCertificate(ca.RawData);
        for (var i = 0; i < leaves; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=leaf-{i}.bench.test", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddDnsName($"leaf-{i}.bench.test");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            using var issued = request.Create(ca, now.AddHours(-1), now.AddDays(30 + i), [(byte)(i + 1), 0x42]);
            using var withKey = issued.CopyWithPrivateKey(key);
            Leaves.Add(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null));
        }
    }

    public X509Certificate2 Ca { get; }

    public List<X509Certificate2> Leaves { get; } = [];

    public void Dispose()
    {
        Ca.Dispose();
        Leaves.ForEach(l => l.Dispose());
    }
}
