using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Certificates.Sweeps;
using Qlrf.Channels.Delivery;
using Qlrf.Channels.Links;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;
using Qlrf.Tenancy;
using Qlrf.UnitTests.Support;
using Qlrf.Workflows.Certificates;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

/// <summary>
/// A vault certificate copied into a Kubernetes TLS secret, through the real sweeper on SQLite: the copy is a usage, and
/// a rotation's closing sweep reads the secret's source too, so the copy stays linked to the new version.
/// </summary>
public sealed class SecretCopySweepTests : IDisposable
{
    private const string Copy = "k8s-certs:c1:shop:web-tls";
    private readonly TempStore temp = new();
    private readonly SqliteDatabase database;
    private readonly SqliteCertificateStore store;
    private readonly Scripted vault = new("kv-prod", CertificateStoreKinds.KeyVault);
    private readonly Scripted cluster = new("k8s-certs", CertificateStoreKinds.Kubernetes);
    private readonly CertificateSweeper sweeper;

    public SecretCopySweepTests()
    {
        database = new SqliteDatabase(Options.Create(new SqliteStoreOptions { Path = Path.Combine(temp.Directory, "certs.db") }), [CertificateSchema.V1], NullLogger<SqliteDatabase>.Instance);
        store = new SqliteCertificateStore(database);
        var options = new CertificatesOptions();
        options.Sources["kv-prod"] = new CertificateSourceOptions { Kind = CertificateStoreKinds.KeyVault, Organisation = "acme", Environment = "prod" };
        options.Sources["k8s-certs"] = new CertificateSourceOptions { Kind = CertificateStoreKinds.Kubernetes, Organisation = "acme", Environment = "prod" };
        var registry = new CertificateSourceRegistry(Options.Create(options), Options.Create(new TenancyOptions()), [vault, cluster], new ConfigurationBuilder().Build());
        var notifications = new NotificationDispatcher(temp.Outbox, [], Options.Create(new NotificationOptions()), new ApprovalLinkIssuer(Options.Create(new Qlrf.Channels.Approvals.ApprovalChannelsOptions())), temp.Time, NullLogger<NotificationDispatcher>.Instance);
        sweeper = new CertificateSweeper(registry, store, notifications, Options.Create(options), temp.Time, NullLogger<CertificateSweeper>.Instance, []);
    }

    public void Dispose()
    {
        sweeper.Dispose();
        database.Dispose();
        temp.Dispose();
    }

    private void Hold(string thumbprint)
    {
        vault.Result = new CertificateSweepResult([Stored("kv-prod:web", "kv-prod", CertificateStoreKinds.KeyVault, thumbprint)], [], []);
        cluster.Result = new CertificateSweepResult(
            [Stored(Copy, "k8s-certs", CertificateStoreKinds.Kubernetes, thumbprint)],
            [],
            [new SecretReferences(Copy, "prod", ["c1/shop/web"], ["k8s://c1/shop/deployment/web"])]);
    }

    private static Certificate Stored(string id, string source, string kind, string thumbprint) =>
        Cert(id, daysLeft: 300, thumbprint: thumbprint) with { Store = source, StoreKind = kind, Name = id[(source.Length + 1)..], Organisation = "acme" };

    [Fact]
    public async Task A_rotations_closing_sweep_reads_the_copies_sources_so_the_secret_stays_a_usage_of_the_new_version()
    {
        var ct = CancellationToken.None;
        Hold("AA11");
        await sweeper.SweepAsync("acme", "kv-prod", ct);
        await sweeper.SweepAsync("acme", "k8s-certs", ct);
        var usages = await store.ListUsagesAsync("acme", "kv-prod:web", ct);
        Assert.Contains(usages, u => u is { Kind: UsageKind.Secret, Target: Copy, Deployable: true });
        Assert.Contains(usages, u => u is { Kind: UsageKind.Workload, Target: "k8s://c1/shop/deployment/web", Deployable: false });
        var certificate = (await store.GetAsync("acme", "kv-prod:web", ct))!;
        var plan = RotationPlanner.Plan(certificate, new RotationRequest(certificate.Id, "alice"), usages, usages.Count, (0, 0), new RotationPolicy());
        await store.CreateRotationAsync(new CertificateRotation { Id = "rot-1", Organisation = "acme", CertificateId = certificate.Id, RequestedBy = "alice", CreatedAt = T0, Plan = plan }, ct);

        Hold("BB22");
        await new SweepCertificateSourceActivity(sweeper, store).RunAsync(new ActivityContext(nameof(SweepCertificateSourceActivity), "rot-1", ct), new RotationInput("acme", "rot-1", TimeSpan.FromHours(1)));

        Assert.Equal("BB22", (await store.GetAsync("acme", Copy, ct))!.Thumbprint);
        Assert.Contains(await store.ListUsagesAsync("acme", "kv-prod:web", ct), u => u is { Kind: UsageKind.Secret, Target: Copy });
        Assert.Equal((2, 2), (vault.Sweeps, cluster.Sweeps));
    }

    /// <summary>A source kind whose one source answers each sweep with <see cref="Result"/>.</summary>
    private sealed class Scripted(string name, string kind) : ICertificateSourceFactory, ICertificateSource
    {
        public CertificateSweepResult Result { get; set; } = new([], [], []);

        public int Sweeps { get; private set; }

        public string Kind => kind;

        public string Name => name;

        public string Organisation => "acme";

        public IEnumerable<string> Validate(string settingPath, IConfiguration section) => [];

        public ICertificateSource Create(CertificateSourceDefinition definition, IConfiguration section) => this;

        public Task<CertificateSweepResult> SweepAsync(CancellationToken cancellationToken)
        {
            Sweeps++;
            return Task.FromResult(Result);
        }
    }
}
