using Qlrf.Certificates;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

public sealed class BlastRadiusTests
{
    [Theory]
    [InlineData("web.example.test", true)]
    [InlineData("WEB.example.test.", true)]
    [InlineData("api.example.test", true)]
    [InlineData("a.b.example.test", false)]
    [InlineData("example.test", false)]
    [InlineData("other.test", false)]
    public void Sans_cover_exact_names_and_one_wildcard_label(string host, bool covered) =>
        Assert.Equal(covered, SanMatcher.Covers(["web.example.test", "*.example.test"], host));

    [Fact]
    public void Endpoints_serving_the_thumbprint_or_covered_by_a_san_use_the_certificate_and_assets_behind_follow()
    {
        var certificate = Cert(thumbprint: "AA11", sans: ["*.example.test"]);
        var endpoints = new[]
        {
            new ServedEndpoint("127.0.0.1:8443", "web.example.test", "prod", "aa11", ["vm-1", "vm-2"]),
            new ServedEndpoint("127.0.0.1:8444", "api.example.test", "staging", "CC33", []),
            new ServedEndpoint("127.0.0.1:8445", "other.test", "prod", "DD44", ["vm-9"]),
        };
        var references = new[] { new SecretReferences("sandbox:web", "dev", ["web/ing"], ["web/Deployment/api"]), new SecretReferences("other", "dev", ["x/y"], []) };

        var usages = UsageResolver.Resolve(certificate, endpoints, references);
        var radius = BlastRadius.Of(certificate.Id, usages);

        Assert.Equal(
            ["Endpoint 127.0.0.1:8443 thumbprint", "Asset vm-1 behind:127.0.0.1:8443", "Asset vm-2 behind:127.0.0.1:8443", "Endpoint 127.0.0.1:8444 san", "Ingress web/ing secret-ref", "Workload web/Deployment/api mount"],
            usages.Select(u => $"{u.Kind} {u.Target} {u.Via}"));
        Assert.Equal(new Dictionary<string, int> { ["dev"] = 2, ["prod"] = 3, ["staging"] = 1 }, radius.ByEnvironment);
        Assert.Equal(2, radius.ByKind[UsageKind.Endpoint]);
        Assert.False(usages.Single(u => u.Kind == UsageKind.Asset && u.Target == "vm-1").Deployable);
    }

    [Fact]
    public void A_kubernetes_secret_holding_a_store_certificates_thumbprint_is_a_deployable_copy_its_ingresses_and_workloads_follow()
    {
        var vault = Cert("kv-prod:web", thumbprint: "AA11") with { Store = "kv-prod", StoreKind = CertificateStoreKinds.KeyVault };
        var copy = Cert("k8s:c1:shop:web-tls", environment: "prod", thumbprint: "aa11") with { Store = "k8s", StoreKind = CertificateStoreKinds.Kubernetes, Name = "c1:shop:web-tls" };
        var other = Cert("k8s:c1:shop:api-tls", thumbprint: "BB22") with { Store = "k8s", StoreKind = CertificateStoreKinds.Kubernetes, Name = "c1:shop:api-tls" };
        var references = new[]
        {
            new SecretReferences(copy.Id, "prod", ["c1/shop/web"], ["k8s://c1/shop/deployment/web"]),
            new SecretReferences(other.Id, "prod", ["c1/shop/api"], ["k8s://c1/shop/deployment/api"]),
        };

        var usages = UsageResolver.Resolve(vault, [], references, [copy, other]);
        var ofTheCopy = UsageResolver.Resolve(copy, [], references, [copy, other]);

        Assert.Equal(
            ["Secret k8s:c1:shop:web-tls thumbprint True", "Ingress c1/shop/web behind:k8s:c1:shop:web-tls False", "Workload k8s://c1/shop/deployment/web behind:k8s:c1:shop:web-tls False"],
            usages.Select(u => $"{u.Kind} {u.Target} {u.Via} {u.Deployable}"));
        Assert.DoesNotContain(ofTheCopy, u => u.Kind == UsageKind.Secret);
        Assert.Equal(["Ingress c1/shop/web secret-ref", "Workload k8s://c1/shop/deployment/web mount"], ofTheCopy.Select(u => $"{u.Kind} {u.Target} {u.Via}"));
    }
}
