using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Store.Sqlite;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Store;

/// <summary>The certificate store's behaviour, the same on the embedded store (SQLite) and on Table Storage (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CertificateStoreContractTests(Azurite azurite)
{
    public static TheoryData<string> Backends => RegistryStores.Backends;

    private static CertificateSweepResult Sweep(IReadOnlyList<Certificate> certificates, IReadOnlyList<ServedEndpoint>? endpoints = null, IReadOnlyList<SecretReferences>? references = null, IReadOnlyList<string>? unreachable = null) =>
        new(certificates, endpoints ?? [], references ?? [], unreachable);

    private static Certificate Tls(string target, string thumbprint, double daysLeft = 60, string environment = "prod") =>
        Cert($"tls:{target}", daysLeft, environment, thumbprint) with { Store = "tls", StoreKind = CertificateStoreKinds.TlsEndpoint, Name = target, Issuer = "CN=Contoso CA" };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_sweep_adds_updates_and_removes_its_sources_certificates_and_records_each_change_once(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;

        var added = await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:web"), Cert("sandbox:api", thumbprint: "BB22"), Cert("sandbox:db", thumbprint: "CC33")]), T0, ct);
        var unchanged = await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:web"), Cert("sandbox:api", thumbprint: "BB22"), Cert("sandbox:db", thumbprint: "CC33")]), T0.AddMinutes(15), ct);
        var next = await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:web", thumbprint: "AA99")], unreachable: ["sandbox:db"]), T0.AddMinutes(30), ct);

        Assert.Equal(3, added.Count);
        Assert.All(added, c => Assert.Equal(CertificateChangeKind.Added, c.Kind));
        Assert.Empty(unchanged);
        Assert.Equal(
            [("sandbox:api", CertificateChangeKind.Removed, "BB22", (string?)null), ("sandbox:web", CertificateChangeKind.Updated, "AA11", "AA99")],
            next.Select(c => (c.CertificateId, c.Kind, c.OldThumbprint, c.NewThumbprint)).OrderBy(c => c.CertificateId, StringComparer.Ordinal));
        Assert.Equal("AA99", (await store.GetAsync("acme", "sandbox:web", ct))!.Thumbprint);
        Assert.Null(await store.GetAsync("acme", "sandbox:api", ct));
        Assert.NotNull(await store.GetAsync("acme", "sandbox:db", ct));
        var history = await store.ListChangesAsync("acme", "sandbox:web", ct);
        Assert.Equal([CertificateChangeKind.Added, CertificateChangeKind.Updated], history.OrderBy(c => c.At).Select(c => c.Kind));
        Assert.Equal([CertificateChangeKind.Added, CertificateChangeKind.Removed], (await store.ListChangesAsync("acme", "sandbox:api", ct)).OrderBy(c => c.At).Select(c => c.Kind));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_organisation_sees_nothing_of_another(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:web")], [new ServedEndpoint("127.0.0.1:443", "web.example.test", "prod", "AA11", [])], [new SecretReferences("sandbox:web", "prod", ["shop/web"], [])]), T0, ct);
        await store.ReplaceUsagesAsync("acme", [new CertificateUsage("sandbox:web", UsageKind.Endpoint, "127.0.0.1:443", "prod", "thumbprint")], ct);
        await store.RaiseAlertAsync(Alert("acme", "sandbox:web", 30), ct);
        await store.CreateRotationAsync(Rotation("acme", "rot-1", "sandbox:web", T0), ct);

        Assert.Null(await store.GetAsync("globex", "sandbox:web", ct));
        Assert.Empty(await store.ListAllAsync("globex", ct));
        Assert.Empty((await store.ListAsync("globex", new CertificateFilter { Now = T0 }, 10, null, ct)).Items);
        Assert.Empty(await store.ListServedEndpointsAsync("globex", ct));
        Assert.Empty(await store.ListSecretReferencesAsync("globex", ct));
        Assert.Empty(await store.ListUsagesAsync("globex", "sandbox:web", ct));
        Assert.Equal(0, await store.CountUsagesAsync("globex", ct));
        Assert.Empty(await store.ListChangesAsync("globex", "sandbox:web", ct));
        Assert.Empty(await store.ListAlertsAsync("globex", includeAcknowledged: true, ct));
        Assert.Empty(await store.RaisedAlertIdsAsync("globex", "sandbox:web", ct));
        Assert.Null(await store.GetRotationAsync("globex", "rot-1", ct));
        Assert.Empty(await store.ListRotationsAsync("globex", "sandbox:web", ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.UpdateRotationAsync("globex", "rot-1", r => r with { Status = RotationStatus.Cancelled }, ct));
        Assert.Equal(RotationStatus.Planning, (await store.GetRotationAsync("acme", "rot-1", ct))!.Status);
        Assert.Equal(1, await store.CountUsagesAsync("acme", ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Listing_filters_and_pages_soonest_expiry_first(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:late", 200), Cert("sandbox:soon", 5), Cert("sandbox:expired", -1, "dev")]), T0, ct);
        await store.ApplySweepAsync("acme", "tls", Sweep([Tls("10.0.0.5:443", "DD44", 20)]), T0, ct);

        var first = await store.ListAsync("acme", new CertificateFilter { Now = T0 }, 2, null, ct);
        var second = await store.ListAsync("acme", new CertificateFilter { Now = T0 }, 2, first.NextCursor, ct);
        var within30 = await store.ListAsync("acme", new CertificateFilter { Now = T0, ExpiringWithinDays = 30 }, 10, null, ct);

        Assert.Equal(["sandbox:expired", "sandbox:soon"], first.Items.Select(c => c.Id));
        Assert.Equal(["tls:10.0.0.5:443", "sandbox:late"], second.Items.Select(c => c.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(["sandbox:expired", "sandbox:soon", "tls:10.0.0.5:443"], within30.Items.Select(c => c.Id));
        Assert.Equal(["tls:10.0.0.5:443"], (await store.ListAsync("acme", new CertificateFilter { Now = T0, Store = "tls" }, 10, null, ct)).Items.Select(c => c.Id));
        Assert.Equal(["tls:10.0.0.5:443"], (await store.ListAsync("acme", new CertificateFilter { Now = T0, Issuer = "contoso" }, 10, null, ct)).Items.Select(c => c.Id));
        Assert.Equal(["sandbox:expired"], (await store.ListAsync("acme", new CertificateFilter { Now = T0, Environment = "dev" }, 10, null, ct)).Items.Select(c => c.Id));
        Assert.Equal(4, (await store.ListAllAsync("acme", ct)).Count);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Each_sweep_replaces_only_its_own_sources_endpoints_and_references(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        await store.ApplySweepAsync("acme", "tls", Sweep([Tls("10.0.0.5:443", "DD44")], [new ServedEndpoint("10.0.0.5:443", "shop.example.test", "prod", "DD44", ["vm-1"])]), T0, ct);
        await store.ApplySweepAsync("acme", "k8s", Sweep([], references: [new SecretReferences("k8s:shop/tls", "prod", ["shop/web"], ["shop/Deployment/web"])]), T0, ct);
        await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:web")], [new ServedEndpoint("127.0.0.1:8443", "web.example.test", "sandbox", "AA11", [])]), T0, ct);
        await store.ApplySweepAsync("acme", "sandbox", Sweep([Cert("sandbox:web")], [new ServedEndpoint("127.0.0.1:9443", "web.example.test", "sandbox", "AA11", [])]), T0.AddMinutes(15), ct);

        var endpoints = await store.ListServedEndpointsAsync("acme", ct);
        Assert.Equal(["10.0.0.5:443", "127.0.0.1:9443"], endpoints.Select(e => e.Target).Order(StringComparer.Ordinal));
        Assert.Equal(["vm-1"], endpoints.Single(e => e.Target == "10.0.0.5:443").AssetsBehind);
        var reference = Assert.Single(await store.ListSecretReferencesAsync("acme", ct));
        Assert.Equal("k8s:shop/tls", reference.CertificateId);
        Assert.Equal(["shop/web"], reference.Ingresses);
        Assert.Equal(["shop/Deployment/web"], reference.Workloads);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Usages_are_replaced_as_a_whole_and_read_per_certificate(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        await store.ReplaceUsagesAsync("acme",
        [
            new CertificateUsage("sandbox:web", UsageKind.Endpoint, "127.0.0.1:8443", "prod", "thumbprint"),
            new CertificateUsage("sandbox:web", UsageKind.Asset, "vm-1", "prod", "behind:127.0.0.1:8443", Deployable: false),
            new CertificateUsage("sandbox:api", UsageKind.Ingress, "shop/api", "staging", "secret-ref"),
        ], ct);
        await store.ReplaceUsagesAsync("acme",
        [
            new CertificateUsage("sandbox:web", UsageKind.Endpoint, "127.0.0.1:8443", "prod", "thumbprint"),
            new CertificateUsage("sandbox:web", UsageKind.Endpoint, "127.0.0.1:9443", "prod", "san"),
        ], ct);

        var web = await store.ListUsagesAsync("acme", "sandbox:web", ct);
        Assert.Equal(["127.0.0.1:8443", "127.0.0.1:9443"], web.Select(u => u.Target).Order(StringComparer.Ordinal));
        Assert.Empty(await store.ListUsagesAsync("acme", "sandbox:api", ct));
        Assert.Equal(2, await store.CountUsagesAsync("acme", ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_alert_is_raised_once_and_acknowledged_alerts_drop_out_of_the_open_list(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        var thirty = Alert("acme", "sandbox:web", 30);

        Assert.True(await store.RaiseAlertAsync(thirty, ct));
        Assert.False(await store.RaiseAlertAsync(thirty with { RaisedAt = T0.AddHours(1) }, ct));
        Assert.True(await store.RaiseAlertAsync(Alert("acme", "sandbox:web", 7), ct));
        Assert.True(await store.RaiseAlertAsync(Alert("acme", "sandbox:api", 0), ct));

        Assert.Equal([thirty.Id, CertificateAlert.IdOf("sandbox:web", "AA11", 7)], (await store.RaisedAlertIdsAsync("acme", "sandbox:web", ct)).Order(StringComparer.Ordinal));
        Assert.Equal(T0, (await store.GetAlertAsync("acme", thirty.Id, ct))!.RaisedAt);
        await store.SaveAlertAsync(thirty with { AcknowledgedBy = "user:alice", AcknowledgedAt = T0.AddHours(2), Comment = "renewing" }, ct);

        var open = await store.ListAlertsAsync("acme", includeAcknowledged: false, ct);
        Assert.Equal(2, open.Count);
        Assert.DoesNotContain(open, a => a.Id == thirty.Id);
        var all = await store.ListAlertsAsync("acme", includeAcknowledged: true, ct);
        Assert.Equal(("user:alice", "renewing"), (all.Single(a => a.Id == thirty.Id).AcknowledgedBy, all.Single(a => a.Id == thirty.Id).Comment));
        Assert.Null(await store.GetAlertAsync("acme", "sandbox:none~AA11~30", ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Rotations_are_created_once_per_idempotency_key_updated_and_listed_newest_first(string backend)
    {
        using var stores = new CertificateStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;

        var (first, created) = await store.CreateRotationAsync(Rotation("acme", "rot-1", "sandbox:web", T0, "key-1"), ct);
        var (again, createdAgain) = await store.CreateRotationAsync(Rotation("acme", "rot-2", "sandbox:web", T0.AddMinutes(1), "key-1"), ct);
        await store.CreateRotationAsync(Rotation("acme", "rot-3", "sandbox:web", T0.AddHours(1)), ct);
        await store.CreateRotationAsync(Rotation("acme", "rot-4", "sandbox:api", T0.AddHours(2)), ct);
        var step = new RotationStep("127.0.0.1:8443", "deployed", true, null, T0.AddHours(1));
        var updated = await store.UpdateRotationAsync("acme", "rot-1", r => r with { Status = RotationStatus.Deploying, NewThumbprint = "AA99", Steps = [step] }, ct);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal("rot-1", again.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.Null(await store.GetRotationAsync("acme", "rot-2", ct));
        Assert.Equal((RotationStatus.Deploying, "AA99"), (updated.Status, updated.NewThumbprint));
        var read = (await store.GetRotationAsync("acme", "rot-1", ct))!;
        Assert.Equal((RotationStatus.Deploying, "AA99", step), (read.Status, read.NewThumbprint, read.Steps.Single()));
        Assert.Equal(["rot-3", "rot-1"], (await store.ListRotationsAsync("acme", "sandbox:web", ct)).Select(r => r.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => store.UpdateRotationAsync("acme", "rot-9", r => r, ct));
    }

    private static CertificateAlert Alert(string organisation, string certificateId, int threshold) => new()
    {
        Id = CertificateAlert.IdOf(certificateId, "AA11", threshold),
        Organisation = organisation,
        CertificateId = certificateId,
        Thumbprint = "AA11",
        ThresholdDays = threshold,
        NotAfter = T0.AddDays(threshold),
        Environment = "prod",
        RaisedAt = T0,
    };

    private static CertificateRotation Rotation(string organisation, string id, string certificateId, DateTimeOffset at, string? key = null) => new()
    {
        Id = id,
        Organisation = organisation,
        CertificateId = certificateId,
        RequestedBy = "user:alice",
        IdempotencyKey = key,
        CreatedAt = at,
        PreviousThumbprint = "AA11",
    };

    /// <summary>The certificate store of one backend: real SQLite in a temporary directory, or Table Storage on Azurite.</summary>
    private sealed class CertificateStores : IDisposable
    {
        private readonly string? directory;
        private readonly SqliteDatabase? database;

        public CertificateStores(string backend, Azurite azurite)
        {
            if (backend == RegistryStores.Sqlite)
            {
                directory = Path.Combine(Path.GetTempPath(), "qlrf-unit-" + Guid.NewGuid().ToString("N"));
                database = new SqliteDatabase(Options.Create(new SqliteStoreOptions { Path = Path.Combine(directory, "qlrf.db") }), [CertificateSchema.V1], NullLogger<SqliteDatabase>.Instance);
                Store = new SqliteCertificateStore(database);
                return;
            }

            Store = new TableCertificateStore(azurite.NewTables());
        }

        public ICertificateStore Store { get; }

        public void Dispose()
        {
            database?.Dispose();
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
