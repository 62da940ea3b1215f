using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Qlrf.Connectors.Tests.Kubernetes.Certificates;

/// <summary>A CA and leaves it signs, and the Kubernetes objects (TLS secrets, ingresses, workloads) that hold and use them.</summary>
internal sealed class TlsSecretFixtures : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TlsSecretFixtures()
    {
        var request = new CertificateRequest("CN=Acme Test CA", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        Ca = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(5));
    }

    public X509Certificate2 Ca { get; }

    /// <summary>A leaf for the names, valid for <paramref name="days"/>, as PEM certificate (leaf then CA) and PEM private key.</summary>
    public (X509Certificate2 Leaf, string CrtPem, string KeyPem) Issue(string subject, int days, params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            sans.AddDnsName(name);
        }

        request.CertificateExtensions.Add(sans.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        var leaf = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), Now.AddDays(-1), Now.AddDays(days), serial);
        return (leaf, leaf.ExportCertificatePem() + "\n" + Ca.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem());
    }

    public static JsonObject Secret(string ns, string name, string type, string resourceVersion, IReadOnlyDictionary<string, string> data) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["type"] = type,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = resourceVersion, ["uid"] = Guid.NewGuid().ToString(), ["creationTimestamp"] = "2026-10-01T08:00:00Z" },
        ["data"] = new JsonObject([.. data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value))))]),
    };

    public static JsonObject Ingress(string ns, string name, string secret, params string[] hosts) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "Ingress",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["tls"] = new JsonArray(new JsonObject { ["secretName"] = secret, ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode)h)]) }),
        },
    };

    public void Dispose()
    {
        Ca.Dispose();
        caKey.Dispose();
    }
}
