using System.Security.Cryptography.X509Certificates;
using System.Text;
using Qlrf.Sandbox.Certificates;

namespace Qlrf.UnitTests.Certificates;

public sealed class SandboxCertificateMaterialTests : IDisposable
{
    private readonly SandboxPki pki = new(TimeProvider.System);

    [Theory]
    [InlineData("EC")]
    [InlineData("RSA")]
    public async Task Material_is_the_versions_leaf_then_the_CA_with_a_key_that_matches_the_leaf(string keyType)
    {
        var first = pki.Issue("web", "prod", ["web.sandbox.test"], TimeSpan.FromDays(30), keyType);
        pki.Issue("web", "prod", ["web.sandbox.test"], TimeSpan.FromDays(30), keyType);
        var certificate = CertificateFixtures.Cert("sandbox:web");

        using var material = await new SandboxCertificateMaterialSource(pki).GetMaterialAsync(certificate, first.Thumbprint, CancellationToken.None);

        var chainPem = Encoding.ASCII.GetString(material.CertificateChainPem);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        Assert.Equal([first.Thumbprint, pki.Root.Thumbprint], chain.Select(c => c.Thumbprint));
        using var withKey = X509Certificate2.CreateFromPem(chainPem, Encoding.ASCII.GetString(material.PrivateKeyPem));
        Assert.True(withKey.HasPrivateKey);
        Assert.Equal(first.Thumbprint, withKey.Thumbprint);
    }

    [Fact]
    public async Task A_version_of_another_certificate_is_not_this_ones()
    {
        var other = pki.Issue("api", "prod", ["api.sandbox.test"], TimeSpan.FromDays(30), "EC");
        pki.Issue("web", "prod", ["web.sandbox.test"], TimeSpan.FromDays(30), "EC");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SandboxCertificateMaterialSource(pki).GetMaterialAsync(CertificateFixtures.Cert("sandbox:web"), other.Thumbprint, CancellationToken.None));

        Assert.Contains(other.Thumbprint, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => pki.Dispose();
}
