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
}
