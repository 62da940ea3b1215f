using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;
using Qlrf.Connectors.Azure.Certificates;
using Qlrf.Connectors.Azure.Secrets;
using Qlrf.Connectors.Tests.Azure.Certificates;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Scheduling;
using Qlrf.Secrets;

namespace Qlrf.Connectors.Tests.Azure.Secrets;

/// <summary>The <c>key-vault</c> secret source against a loopback vault speaking Key Vault's secrets REST API: metadata only.</summary>
public sealed class KeyVaultSecretSourceTests : IAsyncLifetime
{
    private const string Value = "s3cr3t-Value-that-must-never-leave-the-vault";
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly LoopbackCertificate tls = new();
    private FakeKeyVault vault = null!;
    private KeyVaultConnections connections = null!;
    private IConfiguration configuration = null!;

    public async Task InitializeAsync()
    {
        vault = await FakeKeyVault.StartAsync(tls);
        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qlrf:Secrets:Sources:kv-prod:Kind"] = "key-vault",
            ["Qlrf:Secrets:Sources:kv-prod:VaultUri"] = vault.BaseUrl + "/",
            ["Qlrf:Secrets:Sources:kv-prod:CaCertificateFile"] = tls.PemFile,
            ["Qlrf:Secrets:Sources:kv-prod:Credentials:AccessTokenVariable"] = Support.Settings.Variable(FakeKeyVault.Token),
            ["Qlrf:Secrets:Sources:kv-prod:DisableChallengeResourceVerification"] = "true",
        }).Build();
        connections = new KeyVaultConnections(configuration);
    }

    public async Task DisposeAsync()
    {
        connections.Dispose();
        await vault.DisposeAsync();
        tls.Dispose();
    }

    private ISecretSource Source()
    {
        var section = configuration.GetSection("Qlrf:Secrets:Sources:kv-prod");
        var factory = new KeyVaultSecretSourceFactory(connections, TimeProvider.System);
        Assert.Empty(factory.Validate(section.Path, section));
        return factory.Create(new CertificateSourceDefinition("kv-prod", factory.Kind, "acme", CronSchedule.Parse("0 */15 * * * *"), "prod", false), section);
    }

    [Fact]
    public async Task Sweep_reads_each_secrets_current_version_metadata_and_never_asks_for_a_value()
    {
        vault.AddSecret("db-password", "v1", Value, T0, tags: new Dictionary<string, string> { ["rotation-days"] = "30" });
        vault.AddSecret("db-password", "v2", Value + "-2", T0.AddDays(20), expires: T0.AddDays(200), contentType: "text/plain",
            tags: new Dictionary<string, string> { ["rotation-days"] = "30", ["environment"] = "prod-eu", ["workloads"] = "k8s://c1/shop/deployment/web, k8s://c1/shop/deployment/api" });
        vault.AddSecret("api-key", "a1", Value, T0.AddDays(3), enabled: false);
        vault.AddSecret("web-cert", "c1", Value, T0, contentType: "application/x-pkcs12", managed: true);

        var result = await Source().SweepAsync(CancellationToken.None);

        Assert.Equal(0, vault.ValueReads);
        Assert.DoesNotContain(vault.Requests, r => r.Path.StartsWith("/secrets/", StringComparison.Ordinal) && !r.Path.EndsWith("/versions", StringComparison.Ordinal));
        Assert.Equal(["kv-prod:api-key", "kv-prod:db-password"], result.Secrets.Select(s => s.Id).Order(StringComparer.Ordinal));
        var db = Assert.Single(result.Secrets, s => s.Name == "db-password");
        Assert.Equal(("v2", "prod-eu", 30, "text/plain"), (db.Version, db.Environment, db.RotationDays, db.ContentType));
        Assert.Equal(T0.AddDays(20), db.CreatedAt);
        Assert.Equal(T0.AddDays(200), db.ExpiresAt);
        Assert.Equal(SecretStoreKinds.KeyVault, db.StoreKind);
        Assert.Equal(["k8s://c1/shop/deployment/api", "k8s://c1/shop/deployment/web"], db.Workloads);
        var api = Assert.Single(result.Secrets, s => s.Name == "api-key");
        Assert.Equal(("a1", "prod", false, (int?)null), (api.Version, api.Environment, api.Enabled, api.RotationDays));
        Assert.DoesNotContain(Value, JsonSerializer.Serialize(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vault_that_refuses_fails_the_sweep()
    {
        vault.AddSecret("db-password", "v1", Value, T0);
        vault.Forbidden = true;

        await Assert.ThrowsAnyAsync<Exception>(() => Source().SweepAsync(CancellationToken.None));
        Assert.Equal(0, vault.ValueReads);
    }
}
