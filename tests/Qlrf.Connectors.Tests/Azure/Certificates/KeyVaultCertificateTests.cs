using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Qlrf.Certificates;
using Qlrf.Connectors.Azure.Certificates;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Scheduling;

namespace Qlrf.Connectors.Tests.Azure.Certificates;

/// <summary>The <c>key-vault</c> certificate source and issuer against a loopback vault speaking Key Vault's REST API and challenge.</summary>
public sealed class KeyVaultCertificateTests : IAsyncLifetime
{
    private readonly LoopbackCertificate tls = new();
    private FakeKeyVault vault = null!;
    private KeyVaultConnections connections = null!;
    private IConfiguration configuration = null!;

    public async Task InitializeAsync()
    {
        vault = await FakeKeyVault.StartAsync(tls);
        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qlrf:Certificates:Sources:kv-prod:Kind"] = "key-vault",
            ["Qlrf:Certificates:Sources:kv-prod:VaultUri"] = vault.BaseUrl + "/",
            ["Qlrf:Certificates:Sources:kv-prod:CaCertificateFile"] = tls.PemFile,
            ["Qlrf:Certificates:Sources:kv-prod:Credentials:AccessTokenVariable"] = Support.Settings.Variable(FakeKeyVault.Token),
            ["Qlrf:Certificates:Sources:kv-prod:PollInterval"] = "00:00:00.010",
            ["Qlrf:Certificates:Sources:kv-prod:DisableChallengeResourceVerification"] = "true",
        }).Build();
        connections = new KeyVaultConnections(configuration);
    }

    public async Task DisposeAsync()
    {
        connections.Dispose();
        await vault.DisposeAsync();
        tls.Dispose();
    }

    private IConfigurationSection Section => configuration.GetSection("Qlrf:Certificates:Sources:kv-prod");

    private ICertificateSource Source()
    {
        var factory = new KeyVaultCertificateSourceFactory(connections, TimeProvider.System);
        Assert.Empty(factory.Validate(Section.Path, Section));
        return factory.Create(new CertificateSourceDefinition("kv-prod", factory.Kind, "acme", CronSchedule.Parse("0 */15 * * * *"), "prod", false), Section);
    }

    private KeyVaultCertificateIssuer Issuer() => new(connections, NullLogger<KeyVaultCertificateIssuer>.Instance);

    private KeyVaultCertificateMaterialSource Materials() => new(connections, NullLogger<KeyVaultCertificateMaterialSource>.Instance);

    [Fact]
    public async Task Sweep_inventories_each_certificates_current_version_after_answering_the_challenge()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com", "contoso.com"]), versions: 2);
        vault.Add("api", FakeKeyVault.Policy("CN=api.contoso.com", ["api.contoso.com"], keyType: "EC", keySize: 256), enabled: false);

        var result = await Source().SweepAsync(CancellationToken.None);

        var web = Assert.Single(result.Certificates, c => c.Name == "web");
        var current = vault.VersionsOf("web")[^1];
        Assert.Equal("kv-prod:web", web.Id);
        Assert.Equal(CertificateStoreKinds.KeyVault, web.StoreKind);
        Assert.Equal(current.Id, web.Version);
        Assert.Equal(current.Certificate.Thumbprint, web.Thumbprint);
        Assert.Equal(["www.contoso.com", "contoso.com"], web.SubjectAlternativeNames);
        Assert.Equal(("RSA", 2048), (web.KeyType, web.KeySize));
        Assert.Equal("CN=www.contoso.com", web.Issuer);
        Assert.Equal(current.Certificate.NotAfter.ToUniversalTime(), web.NotAfter.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal("prod", web.Environment);
        Assert.True(web.Enabled);
        var api = Assert.Single(result.Certificates, c => c.Name == "api");
        Assert.Equal(("EC", 256), (api.KeyType, api.KeySize));
        Assert.False(api.Enabled);
        var first = vault.Requests.First();
        Assert.Null(first.Authorization);
        Assert.All(vault.Requests.Skip(1), r => Assert.Equal("Bearer " + FakeKeyVault.Token, r.Authorization));
        Assert.All(vault.Requests, r => Assert.Contains("api-version=", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_fails_rather_than_report_an_empty_vault_when_the_identity_has_no_role()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"]));
        vault.Forbidden = true;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Source().SweepAsync(CancellationToken.None));

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Issue_creates_a_version_from_the_policy_tagged_with_the_rotation_and_waits_for_it()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"], validityMonths: 6));
        vault.PendingPolls = 3;
        var ct = CancellationToken.None;
        var certificate = Assert.Single((await Source().SweepAsync(ct)).Certificates);

        var issued = await Issuer().IssueAsync(certificate, Parameters(certificate), "rot-1", ct);

        var versions = vault.VersionsOf("web");
        Assert.Equal(2, versions.Count);
        var created = versions[^1];
        Assert.Equal(created.Id, issued.Version);
        Assert.Equal(created.Certificate.Thumbprint, issued.Thumbprint);
        Assert.NotEqual(certificate.Thumbprint, issued.Thumbprint);
        Assert.Equal("rot-1", created.Tags[KeyVaultCertificateIssuer.RotationTag]);
        Assert.Equal(created.Certificate.NotAfter.ToUniversalTime(), issued.NotAfter.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.InRange(issued.NotAfter, TimeProvider.System.GetUtcNow().AddMonths(6).AddDays(-1), TimeProvider.System.GetUtcNow().AddMonths(6).AddDays(1));
        Assert.True(vault.Requests.Count(r => r.Path.EndsWith("/pending", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task Issue_is_idempotent_by_rotation_id()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"]));
        var ct = CancellationToken.None;
        var certificate = Assert.Single((await Source().SweepAsync(ct)).Certificates);
        var issuer = Issuer();

        var first = await issuer.IssueAsync(certificate, Parameters(certificate), "rot-1", ct);
        var again = await issuer.IssueAsync(certificate, Parameters(certificate), "rot-1", ct);
        var other = await issuer.IssueAsync(certificate, Parameters(certificate), "rot-2", ct);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Thumbprint, other.Thumbprint);
        Assert.Equal(2, vault.Creates);
        Assert.Equal(3, vault.VersionsOf("web").Count);
    }

    [Fact]
    public async Task Issue_redelivered_while_its_version_is_pending_waits_for_it_instead_of_creating_another()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"]));
        vault.PendingPolls = 2;
        var ct = CancellationToken.None;
        var certificate = Assert.Single((await Source().SweepAsync(ct)).Certificates);
        vault.BeginPending("web", new Dictionary<string, string> { [KeyVaultCertificateIssuer.RotationTag] = "rot-1" });

        var issued = await Issuer().IssueAsync(certificate, Parameters(certificate), "rot-1", ct);

        Assert.Equal(0, vault.Creates);
        Assert.Equal(vault.VersionsOf("web")[^1].Id, issued.Version);
    }

    [Theory]
    [InlineData("application/x-pkcs12")]
    [InlineData(KeyVaultCertificateMaterialSource.PemContentType)]
    public async Task Material_of_a_version_comes_from_its_backing_secret_leaf_first_with_its_key(string contentType)
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"], issuer: "DigiCert", contentType: contentType), versions: 2);
        var previous = vault.VersionsOf("web")[0];
        var certificate = Assert.Single((await Source().SweepAsync(CancellationToken.None)).Certificates);
        Assert.NotEqual(previous.Certificate.Thumbprint, certificate.Thumbprint);

        using var material = await Materials().GetMaterialAsync(certificate, previous.Certificate.Thumbprint.ToLowerInvariant(), CancellationToken.None);

        var chain = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        chain.ImportFromPem(System.Text.Encoding.ASCII.GetString(material.CertificateChainPem));
        Assert.Equal([previous.Certificate.Thumbprint, vault.Authority.Thumbprint], chain.Select(c => c.Thumbprint));
        using var withKey = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            System.Text.Encoding.ASCII.GetString(material.CertificateChainPem), System.Text.Encoding.ASCII.GetString(material.PrivateKeyPem));
        Assert.True(withKey.HasPrivateKey);
        Assert.Equal(previous.Certificate.Thumbprint, material.Thumbprint);
        Assert.DoesNotContain("PRIVATE KEY", material.ToString(), StringComparison.Ordinal);
        Assert.Contains(vault.Requests, r => r.Method == "GET" && r.Path == $"/secrets/web/{previous.Id}" && r.Authorization is not null);
    }

    [Fact]
    public async Task Material_of_a_thumbprint_the_certificate_never_had_fails_without_reading_any_secret()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"]));
        var certificate = Assert.Single((await Source().SweepAsync(CancellationToken.None)).Certificates);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Materials().GetMaterialAsync(certificate, new string('A', 40), CancellationToken.None));

        Assert.Contains(new string('A', 40), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.Requests, r => r.Path.StartsWith("/secrets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disposing_material_zeroes_the_key()
    {
        vault.Add("web", FakeKeyVault.Policy("CN=www.contoso.com", ["www.contoso.com"]));
        var certificate = Assert.Single((await Source().SweepAsync(CancellationToken.None)).Certificates);
        var material = await Materials().GetMaterialAsync(certificate, certificate.Thumbprint, CancellationToken.None);
        var key = material.PrivateKeyPem;
        Assert.Contains((byte)'-', key);

        material.Dispose();

        Assert.All(key, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("http://kv.vault.azure.net/", "VaultUri")]
    [InlineData("", "VaultUri")]
    public void Validate_names_a_bad_vault_uri(string uri, string setting)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qlrf:Certificates:Sources:kv:Kind"] = "key-vault",
            ["Qlrf:Certificates:Sources:kv:VaultUri"] = uri,
        }).Build().GetSection("Qlrf:Certificates:Sources:kv");

        var problems = new KeyVaultCertificateSourceFactory(connections, TimeProvider.System).Validate(section.Path, section).ToList();

        Assert.Contains(problems, p => p.Contains($"Qlrf:Certificates:Sources:kv:{setting}", StringComparison.Ordinal));
    }

    private static NewVersionParameters Parameters(Certificate certificate) =>
        new(certificate.Subject, certificate.SubjectAlternativeNames, certificate.KeyType, certificate.KeySize, 90);
}
