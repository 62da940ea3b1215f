using Qlrf.Compliance;
using Qlrf.UnitTests.Support;
using static Qlrf.UnitTests.Compliance.ComplianceFixtures;

namespace Qlrf.UnitTests.Compliance;

/// <summary>The compliance store's behaviour, the same on the embedded store and on Table Storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ComplianceStoreContractTests(Azurite azurite)
{
    private const string Instance = "image-vulnerabilities?maxAgeDays=30&minSeverity=high";

    public static TheoryData<string> Backends => RegistryStores.Backends;

    private static CheckObjectResult Result(string id, bool passed, string? scope = "web", string? env = null) =>
        new("image", id, passed, passed ? "fine" : "bad") { Scope = scope, Environment = env, Site = env is null ? null : "eu/west" };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_full_evaluation_replaces_every_object_and_records_when(string backend)
    {
        using var stores = new ComplianceStores(backend, azurite);
        var store = stores.Store;
        Assert.Null(await store.GetRunAsync("acme", Instance, default));

        await store.ReplaceAsync("acme", Instance, Now, [Result("web@2", false, env: "prod"), Result("web@1", true), Result("k8s://ns/pod", true, scope: null)], default);
        await store.ReplaceAsync("acme", Instance, Now.AddHours(1), [Result("web@2", true, env: "prod"), Result("k8s://ns/pod", true, scope: null)], default);

        var run = await store.GetRunAsync("acme", Instance, default);
        Assert.Equal(new CheckRun("acme", Instance, Now.AddHours(1), 2), run);
        Assert.Equal([Result("k8s://ns/pod", true, scope: null), Result("web@2", true, env: "prod")], await store.ListAsync("acme", Instance, default));
        Assert.Empty(await store.ListAsync("globex", Instance, default));
        Assert.Null(await store.GetRunAsync("acme", "image-sbom", default));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_change_upserts_and_removes_single_objects_and_a_scope_lists_its_own(string backend)
    {
        using var stores = new ComplianceStores(backend, azurite);
        var store = stores.Store;
        await store.ReplaceAsync("acme", Instance, Now, [Result("web@1", true), Result("web@2", true), Result("db@1", true, scope: "db")], default);

        await store.ApplyAsync("acme", Instance, new CheckDelta([Result("web@2", false), Result("web@3", true)], ["web@1", "not-there"]), default);

        Assert.Equal([Result("db@1", true, scope: "db"), Result("web@2", false), Result("web@3", true)], await store.ListAsync("acme", Instance, default));
        Assert.Equal(["web@2", "web@3"], (await store.ListScopeAsync("acme", Instance, "web", default)).Select(r => r.ObjectId));
        Assert.Equal(Now, (await store.GetRunAsync("acme", Instance, default))!.EvaluatedAt);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_days_snapshot_replaces_that_days_and_ranges_list_oldest_first(string backend)
    {
        using var stores = new ComplianceStores(backend, azurite);
        var store = stores.Store;
        ComplianceSnapshot Snapshot(DateOnly day, int passing, string framework = "soc2") =>
            new("acme", framework, "1", day, Now, passing, 1, 2, 50, new Dictionary<string, ControlOutcome> { ["CC8.1"] = ControlOutcome.Failing });
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        await store.SaveSnapshotAsync(Snapshot(today.AddDays(-2), 1), default);
        await store.SaveSnapshotAsync(Snapshot(today, 1), default);
        await store.SaveSnapshotAsync(Snapshot(today, 3), default);
        await store.SaveSnapshotAsync(Snapshot(today, 9, "cis-v8"), default);
        await store.SaveSnapshotAsync(Snapshot(today.AddDays(-40), 1), default);

        var listed = await store.ListSnapshotsAsync("acme", "soc2", today.AddDays(-29), today, default);
        Assert.Equal([(today.AddDays(-2), 1), (today, 3)], listed.Select(s => (s.Day, s.Passing)));
        Assert.Equal(ControlOutcome.Failing, listed[1].Controls["CC8.1"]);
        Assert.Empty(await store.ListSnapshotsAsync("globex", "soc2", today.AddDays(-29), today, default));
    }
}
