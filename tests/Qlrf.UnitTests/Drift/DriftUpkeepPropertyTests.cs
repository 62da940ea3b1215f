using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Drift;

/// <summary>
/// Property: whatever sequence of asset changes and lifecycle transitions happens, including a processor
/// that applies a batch and crashes before drift upkeep (the batch is redelivered and skipped by the
/// inventory) and a host that stops between a transition and its re-evaluation, the incrementally kept
/// drift rows and summaries equal a full recompute from the inventory and the registry, on the embedded store
/// and on the Table Storage stores alike; and both backends, given the same inputs, keep the same drift.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DriftUpkeepPropertyTests(Azurite azurite)
{
    private const string Org = "acme";
    private static readonly string[] Families = ["fam-a", "fam-b"];
    private static readonly string[] Versions = ["1.0", "1.1", "1.2", "2.0", "2.0.1", "3.0"];
    private static readonly string[] AssetVersions = [.. Versions, "0.9", "2.5", "9.9", "latest", "1.1.0"];
    private static readonly Platform[] Platforms = [Platform.Aws, Platform.Gcp];

    public static TheoryData<string, int> Seeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var backend in new[] { RegistryStores.Sqlite, RegistryStores.Tables })
        {
            foreach (var seed in Enumerable.Range(1, 16))
            {
                data.Add(backend, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Incremental_summaries_equal_a_full_recompute_after_random_changes_and_promotions(string backend, int seed)
    {
        var time = new ManualTimeProvider();
        using var store = new RegistryStores(backend, time, azurite);
        await RunAsync(store, time, seed, check: true);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public async Task The_table_stores_keep_the_same_drift_rows_and_summaries_as_the_embedded_store_for_the_same_inputs(int seed)
    {
        var sqliteTime = new ManualTimeProvider();
        var tablesTime = new ManualTimeProvider();
        using var sqlite = new RegistryStores(RegistryStores.Sqlite, sqliteTime, azurite);
        using var tables = new RegistryStores(RegistryStores.Tables, tablesTime, azurite);

        await RunAsync(sqlite, sqliteTime, seed, check: false);
        await RunAsync(tables, tablesTime, seed, check: false);

        var expected = await sqlite.Drift.GetSummariesAsync(Org, default);
        var actual = await tables.Drift.GetSummariesAsync(Org, default);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (group, counters) in expected)
        {
            Assert.True(actual.TryGetValue(group, out var kept) && kept.Equals(counters), $"{group}: tables {kept}, sqlite {counters}");
        }

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(await sqlite.Drift.GetAssetAsync(Org, "asset-" + i, default), await tables.Drift.GetAssetAsync(Org, "asset-" + i, default));
        }

        var filter = new DriftFilter { Environment = "prod" };
        Assert.Equal(
            (await sqlite.Drift.ListOutdatedAsync(Org, filter, 50, null, default)).Items,
            (await tables.Drift.ListOutdatedAsync(Org, filter, 50, null, default)).Items);
        Assert.Equal(await sqlite.Drift.ListOrganisationsAsync(default), await tables.Drift.ListOrganisationsAsync(default));
        Assert.Equal((await sqlite.Drift.ListPendingAsync(default)).Order(), (await tables.Drift.ListPendingAsync(default)).Order());
    }

    /// <summary>A random sequence of asset changes, transitions, crashes and recoveries, the same for a seed on any backend.</summary>
    private static async Task RunAsync(RegistryStores store, ManualTimeProvider time, int seed, bool check)
    {
        var random = new Random(seed);
        await RegisterAsync(store, time);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var crashed = new List<List<AssetChanged>>();
        var log = new List<string>();

        for (var step = 0; step < 60; step++)
        {
            var roll = random.NextDouble();
            if (roll < 0.6)
            {
                var batch = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Change(random, versions, time)).ToList();
                log.Add($"{step}: batch {string.Join(", ", batch.Select(c => $"{c.AssetId} v{c.Version} {c.Kind} {c.Asset?.Image?.Family}@{c.Asset?.Image?.Version} {c.Asset?.Platform}"))}");
                await store.Inventory.ApplyAsync(batch, default);
                if (random.NextDouble() < 0.2)
                {
                    crashed.Add(batch);
                    log.Add($"{step}: crashed before drift upkeep");
                    continue;
                }

                await ReconcileAsync(store, batch);
            }
            else if (roll < 0.85)
            {
                var request = Transition(random, time);
                log.Add($"{step}: {request.VersionId} -> {request.To} rollback={request.Rollback} on [{string.Join(",", request.Platforms)}]");
                LifecyclePlan plan;
                try
                {
                    plan = await store.Images.TransitionAsync(Org, request, default);
                }
                catch (Exception ex) when (ex is ConflictException or RequestValidationException)
                {
                    continue;
                }

                if (!plan.IsEmpty && random.NextDouble() >= 0.2)
                {
                    await store.Drift.ReevaluateFamilyAsync(Org, request.VersionId.Split('@')[0], default);
                }
            }
            else if (roll < 0.93)
            {
                time.Advance(TimeSpan.FromHours(random.Next(1, 200)));
            }
            else
            {
                log.Add($"{step}: recover");
                await RecoverAsync(store, crashed);
                if (check)
                {
                    await AssertConsistentAsync(store, seed, step, log);
                }
            }
        }

        await RecoverAsync(store, crashed);
        if (check)
        {
            await AssertConsistentAsync(store, seed, 60, log);
        }
    }

    /// <summary>What the hosts do after a crash: redeliver unfinished batches, finish marked re-evaluations.</summary>
    private static async Task RecoverAsync(RegistryStores store, List<List<AssetChanged>> crashed)
    {
        foreach (var batch in crashed)
        {
            // The inventory applied it already: the redelivery is skipped, but upkeep still runs.
            Assert.Empty(await store.Inventory.ApplyAsync(batch, default));
            await ReconcileAsync(store, batch);
        }

        crashed.Clear();
        foreach (var (org, family) in await store.Drift.ListPendingAsync(default))
        {
            await store.Drift.ReevaluateFamilyAsync(org, family, default);
        }
    }

    private static Task<int> ReconcileAsync(RegistryStores store, List<AssetChanged> batch) =>
        store.Drift.ReconcileAssetsAsync(Org, batch.Select(c => c.AssetId).ToList(), default);

    private static async Task AssertConsistentAsync(RegistryStores store, int seed, int step, List<string> log)
    {
        var baselines = new Dictionary<string, FamilyBaseline>(StringComparer.Ordinal);
        foreach (var family in await store.Images.ListFamiliesAsync(Org, default))
        {
            baselines[family.Name] = FamilyBaseline.From(family.Name, await store.Images.ListVersionsAsync(Org, family.Name, default));
        }

        var expected = new List<AssetDrift>();
        var page = await store.Inventory.QueryAssetsAsync(Org, new AssetFilter(), 500, null, default);
        foreach (var item in page.Items)
        {
            var family = item.Asset.Image?.Family;
            expected.Add(DriftEvaluator.Evaluate(item.Asset, family is null ? null : baselines.GetValueOrDefault(family)));
        }

        var context = $"seed {seed}, step {step}:\n{string.Join("\n", log.TakeLast(12))}";
        foreach (var row in expected)
        {
            Assert.True(row == await store.Drift.GetAssetAsync(Org, row.AssetId, default), $"drift row of {row.AssetId} differs; {context}");
        }

        var recomputed = DriftRecompute.Summaries(expected);
        var stored = await store.Drift.GetSummariesAsync(Org, default);
        Assert.True(recomputed.Count == stored.Count, $"{stored.Count} stored groups, {recomputed.Count} recomputed; {context}");
        foreach (var (group, counters) in recomputed)
        {
            Assert.True(stored.TryGetValue(group, out var kept) && kept.Equals(counters), $"{group}: stored {kept}, recomputed {counters}; {context}");
        }
    }

    private static async Task RegisterAsync(RegistryStores store, ManualTimeProvider time)
    {
        foreach (var family in Families)
        {
            await store.Images.CreateFamilyAsync(new ImageFamily { Organisation = Org, Name = family, Os = "linux", Owner = "team", CreatedAt = time.GetUtcNow(), CreatedBy = "test" }, default);
            foreach (var version in Versions)
            {
                await store.Images.RegisterVersionAsync(new ImageVersion
                {
                    Organisation = Org,
                    Id = $"{family}@{version}",
                    Family = family,
                    Version = version,
                    CreatedAt = time.GetUtcNow(),
                    CreatedBy = "test",
                    Releases = Platforms.Select(p => new PlatformRelease { Platform = p, Reference = "r" }).ToList(),
                }, default);
            }
        }
    }

    private static TransitionRequest Transition(Random random, TimeProvider time)
    {
        var status = (LifecycleStatus)random.Next(0, 5);
        return new TransitionRequest
        {
            VersionId = $"{Families[random.Next(Families.Length)]}@{Versions[random.Next(Versions.Length)]}",
            To = random.NextDouble() < 0.5 ? LifecycleStatus.Production : status,
            Platforms = random.NextDouble() < 0.5 ? [] : [Platforms[random.Next(Platforms.Length)]],
            Reason = "property",
            Rollback = random.NextDouble() < 0.25,
            Actor = "test",
            At = time.GetUtcNow(),
        };
    }

    private static AssetChanged Change(Random random, Dictionary<string, long> versions, TimeProvider time)
    {
        var id = "asset-" + random.Next(12);
        var version = versions[id] = versions.GetValueOrDefault(id) + 1;
        var stale = version > 2 && random.NextDouble() < 0.05;
        var remove = random.NextDouble() < 0.15;
        var family = random.Next(10) switch
        {
            0 => null,
            1 => "fam-unregistered",
            var n => Families[n % Families.Length],
        };
        var asset = new Asset
        {
            Id = id,
            Name = id,
            Platform = Platforms[random.Next(Platforms.Length)],
            Site = "site-" + random.Next(3),
            Environment = random.NextDouble() < 0.5 ? "prod" : "dev",
            Image = family is null ? null : new ImageRef(family, AssetVersions[random.Next(AssetVersions.Length)]),
        };
        return new AssetChanged
        {
            EventId = new Guid(random.Next(), 0, 0, new byte[8]),
            Organisation = Org,
            Source = "sandbox",
            SweepRunId = "run",
            Kind = remove ? AssetChangeKind.Removed : AssetChangeKind.Updated,
            AssetId = id,
            Version = stale ? version - 2 : version,
            Hash = remove ? null : "h" + version,
            Asset = remove ? null : asset,
            DetectedAt = time.GetUtcNow(),
        };
    }
}
