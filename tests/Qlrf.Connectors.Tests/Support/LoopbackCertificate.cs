using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Connectors.Tests.Support;

/// <summary>A self-signed certificate for 127.0.0.1, made per test run, for fixture servers that must speak TLS.</summary>
public sealed class LoopbackCertificate : IDisposable
{
    public LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=qlrf-fixture", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(70));
        Certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        PemFile = Path.Combine(Path.GetTempPath(), "qlrf-fixture-ca-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(PemFile, Certificate.ExportCertificatePem());
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as a PEM file, to configure as the trusted CA.</summary>
    public string PemFile { get; }

    public void Dispose()
    {
        Certificate.Dispose();
        File.Delete(PemFile);
    }
}
