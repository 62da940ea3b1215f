using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Secrets;
using Qlrf.Store.Sqlite;
using Qlrf.Store.Tables;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Store;

/// <summary>The secret store's behaviour, the same on the embedded store (SQLite) and on Table Storage (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SecretStoreContractTests(Azurite azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Backends => RegistryStores.Backends;

    internal static Secret Secret(string id, string version = "v1", string environment = "prod", int? rotationDays = null, DateTimeOffset? expiresAt = null, DateTimeOffset? updatedAt = null, params string[] workloads) => new()
    {
        Id = id,
        Organisation = "acme",
        Store = id[..id.IndexOf(':', StringComparison.Ordinal)],
        StoreKind = SecretStoreKinds.Sandbox,
        Name = id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..],
        Environment = environment,
        Version = version,
        CreatedAt = T0.AddDays(-100),
        UpdatedAt = updatedAt ?? T0.AddDays(-10),
        ExpiresAt = expiresAt,
        RotationDays = rotationDays,
        ContentType = "text/plain",
        Workloads = workloads,
        SeenAt = T0,
    };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_sweep_adds_updates_and_removes_its_sources_secrets_and_records_each_change_once(string backend)
    {
        using var stores = new SecretStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;

        var added = await store.ApplySweepAsync("acme", "sandbox", new([Secret("sandbox:db"), Secret("sandbox:api"), Secret("sandbox:queue")]), T0, ct);
        var unchanged = await store.ApplySweepAsync("acme", "sandbox", new([Secret("sandbox:db"), Secret("sandbox:api"), Secret("sandbox:queue")]), T0.AddMinutes(15), ct);
        var next = await store.ApplySweepAsync("acme", "sandbox", new([Secret("sandbox:db", "v2")], ["sandbox:queue"]), T0.AddMinutes(30), ct);
        await store.ApplySweepAsync("acme", "other", new([Secret("other:x")]), T0.AddMinutes(30), ct);

        Assert.Equal(3, added.Count);
        Assert.All(added, c => Assert.Equal(CertificateChangeKind.Added, c.Kind));
        Assert.Empty(unchanged);
        Assert.Equal(
            [("sandbox:api", CertificateChangeKind.Removed, "v1", (string?)null), ("sandbox:db", CertificateChangeKind.Updated, "v1", "v2")],
            next.Select(c => (c.SecretId, c.Kind, c.OldVersion, c.NewVersion)).OrderBy(c => c.SecretId, StringComparer.Ordinal));
        Assert.Equal("v2", (await store.GetAsync("acme", "sandbox:db", ct))!.Version);
        Assert.Null(await store.GetAsync("acme", "sandbox:api", ct));
        Assert.NotNull(await store.GetAsync("acme", "sandbox:queue", ct));
        Assert.NotNull(await store.GetAsync("acme", "other:x", ct));
        Assert.Equal([CertificateChangeKind.Updated, CertificateChangeKind.Added], (await store.ListChangesAsync("acme", "sandbox:db", ct)).Select(c => c.Kind));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Listing_filters_by_store_environment_expiry_and_overdue_rotation_and_pages_by_id(string backend)
    {
        using var stores = new SecretStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        await store.ApplySweepAsync("acme", "sandbox", new(
        [
            Secret("sandbox:a-overdue", rotationDays: 5, updatedAt: T0.AddDays(-6)),
            Secret("sandbox:b-fresh", rotationDays: 30, updatedAt: T0.AddDays(-6), environment: "staging"),
            Secret("sandbox:c-expiring", expiresAt: T0.AddDays(3)),
            Secret("sandbox:d-later", expiresAt: T0.AddDays(60), workloads: ["k8s://c1/shop/deployment/web"]),
        ]), T0, ct);
        await store.ApplySweepAsync("acme", "kv", new([Secret("kv:e-vault", expiresAt: T0.AddDays(-1))]), T0, ct);

        async Task<List<string>> Ids(SecretFilter filter) => [.. (await store.ListAsync("acme", filter with { Now = T0 }, 50, null, ct)).Items.Select(s => s.Id)];

        Assert.Equal(["kv:e-vault", "sandbox:a-overdue", "sandbox:b-fresh", "sandbox:c-expiring", "sandbox:d-later"], await Ids(new SecretFilter()));
        Assert.Equal(["kv:e-vault"], await Ids(new SecretFilter { Store = "kv" }));
        Assert.Equal(["sandbox:b-fresh"], await Ids(new SecretFilter { Environment = "staging" }));
        Assert.Equal(["kv:e-vault", "sandbox:c-expiring"], await Ids(new SecretFilter { ExpiringWithinDays = 7 }));
        Assert.Equal(["sandbox:a-overdue"], await Ids(new SecretFilter { RotationOverdue = true }));
        Assert.Equal(["k8s://c1/shop/deployment/web"], (await store.GetAsync("acme", "sandbox:d-later", ct))!.Workloads);

        var first = await store.ListAsync("acme", new SecretFilter { Now = T0 }, 2, null, ct);
        var second = await store.ListAsync("acme", new SecretFilter { Now = T0 }, 2, first.NextCursor, ct);
        var third = await store.ListAsync("acme", new SecretFilter { Now = T0 }, 2, second.NextCursor, ct);
        Assert.Equal(["kv:e-vault", "sandbox:a-overdue", "sandbox:b-fresh", "sandbox:c-expiring", "sandbox:d-later"], first.Items.Concat(second.Items).Concat(third.Items).Select(s => s.Id));
        Assert.Null(third.NextCursor);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_organisation_sees_nothing_of_another(string backend)
    {
        using var stores = new SecretStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        await store.ApplySweepAsync("acme", "sandbox", new([Secret("sandbox:db")]), T0, ct);
        await store.ApplySweepAsync("globex", "sandbox", new([]), T0, ct);

        Assert.Null(await store.GetAsync("globex", "sandbox:db", ct));
        Assert.Empty(await store.ListAllAsync("globex", ct));
        Assert.Empty((await store.ListAsync("globex", new SecretFilter { Now = T0 }, 10, null, ct)).Items);
        Assert.Empty(await store.ListChangesAsync("globex", "sandbox:db", ct));
        Assert.NotNull(await store.GetAsync("acme", "sandbox:db", ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Rotations_are_created_once_per_key_updated_atomically_and_listed_newest_first_within_their_organisation(string backend)
    {
        using var stores = new SecretStores(backend, azurite);
        var store = stores.Store;
        var ct = CancellationToken.None;
        SecretRotation Rotation(string id, DateTimeOffset at, string? key = null) => new() { Id = id, Organisation = "acme", SecretId = "sandbox:db", RequestedBy = "alice", IdempotencyKey = key, CreatedAt = at, PreviousVersion = "v1" };

        var (first, created) = await store.CreateRotationAsync(Rotation("srot-1", T0, "key-1"), ct);
        var (again, createdAgain) = await store.CreateRotationAsync(Rotation("srot-2", T0.AddMinutes(1), "key-1"), ct);
        await store.CreateRotationAsync(Rotation("srot-3", T0.AddMinutes(2)), ct);
        var updated = await store.UpdateRotationAsync("acme", "srot-1", r => r with { Status = RotationStatus.Succeeded, NewVersion = "v2" }, ct);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal("srot-1", again.Id);
        Assert.Equal((RotationStatus.Succeeded, "v2"), (updated.Status, updated.NewVersion));
        Assert.Equal((RotationStatus.Succeeded, "v2"), ((await store.GetRotationAsync("acme", "srot-1", ct))!.Status, (await store.GetRotationAsync("acme", "srot-1", ct))!.NewVersion));
        Assert.Equal(["srot-3", "srot-1"], (await store.ListRotationsAsync("acme", "sandbox:db", ct)).Select(r => r.Id));
        Assert.Null(await store.GetRotationAsync("globex", "srot-1", ct));
        Assert.Empty(await store.ListRotationsAsync("globex", "sandbox:db", ct));
        await Assert.ThrowsAsync<Qlrf.Errors.NotFoundException>(() => store.UpdateRotationAsync("globex", "srot-1", r => r with { Status = RotationStatus.Cancelled }, ct));
    }

    /// <summary>The secret store of one backend: real SQLite in a temporary directory, or Table Storage on Azurite.</summary>
    private sealed class SecretStores : IDisposable
    {
        private readonly string? directory;
        private readonly SqliteDatabase? database;

        public SecretStores(string backend, Azurite azurite)
        {
            if (backend == RegistryStores.Sqlite)
            {
                directory = Path.Combine(Path.GetTempPath(), "qlrf-unit-" + Guid.NewGuid().ToString("N"));
                database = new SqliteDatabase(Options.Create(new SqliteStoreOptions { Path = Path.Combine(directory, "qlrf.db") }), [SecretSchema.V1], NullLogger<SqliteDatabase>.Instance);
                Store = new SqliteSecretStore(database);
                return;
            }

            Store = new TableSecretStore(azurite.NewTables());
        }

        public ISecretStore Store { get; }

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
