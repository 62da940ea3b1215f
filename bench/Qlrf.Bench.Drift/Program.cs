using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Bench.Drift;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Store.Sqlite;

// Drift engine benchmark: 1,000,000 assets in 50 families on the embedded SQLite store.
// Run with: dotnet run -c Release --project bench/Qlrf.Bench.Drift [-- assets families]
// or, for what drift upkeep costs on Table Storage: dotnet run -c Release --project bench/Qlrf.Bench.Drift -- tables [assets families]
if (args.Length > 0 && args[0] == "tables")
{
    await TablesCost.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return;
}

var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var familyCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
const int Batch = 500;
var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-" + Guid.NewGuid().ToString("N"));
BenchReport.Line($"Drift benchmark: {assets:N0} assets in {familyCount} families, SQLite at {directory}; {Environment.ProcessorCount} cores");
if (File.Exists("/proc/loadavg"))
{
    BenchReport.Line($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
}

var estate = new BenchEstate(assets, familyCount, sites: 20, seed: 42);
var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
try
{
    using var database = new SqliteDatabase(
        Options.Create(new SqliteStoreOptions { Path = Path.Combine(directory, "bench.db") }),
        [InventorySchema.V1, QueueSchema.V1, ImageSchema.V1, DriftSchema.V1, DriftSchema.V2],
        NullLogger<SqliteDatabase>.Instance);
    var images = new SqliteImageStore(database, TimeProvider.System);
    var drift = new SqliteDriftStore(database);

    var clock = Stopwatch.StartNew();
    await estate.RegisterAsync(images, start);
    await estate.LoadInventoryAsync(database);
    foreach (var (org, pending) in await drift.ListPendingAsync(default))
    {
        await drift.ReevaluateFamilyAsync(org, pending, default);
    }

    BenchReport.Line($"setup: registry and inventory loaded in {clock.Elapsed.TotalSeconds:F1} s");

    // 1. Initial upkeep: every asset reconciled into drift rows and summaries, in queue-sized batches.
    var cpu = BenchReport.Cpu;
    clock.Restart();
    for (var i = 0; i < assets; i += Batch)
    {
        var ids = estate.Assets.AsSpan(i, Math.Min(Batch, assets - i)).ToArray().Select(a => a.Id).ToList();
        await drift.ReconcileAssetsAsync(BenchEstate.Org, ids, default);
    }

    BenchReport.Rate("initial upkeep (every asset added)", assets, clock.Elapsed, BenchReport.Cpu - cpu);

    // 2. Incremental upkeep: version changes reconciled in batches of 500, the queue's default batch (the inventory
    //    write is done first and not timed). A sweep's changes arrive clustered (one source, one site, in id order);
    //    changes scattered at random over the million rows are the worst case for the store's pages.
    var random = new Random(7);
    const int Changes = 200_000;
    foreach (var (label, clustered) in new[] { ("sweep-ordered changes", true), ("changes scattered at random", false) })
    {
        var upkeep = TimeSpan.Zero;
        var upkeepCpu = TimeSpan.Zero;
        for (var done = 0; done < Changes; done += Batch)
        {
            var first = random.Next(assets - Batch);
            var batch = Enumerable.Range(0, Batch)
                .Select(i => (estate.Assets[clustered ? first + i : random.Next(assets)].Id, BenchEstate.Versions[4 + random.Next(6)]))
                .ToList();
            await BenchEstate.UpdateVersionsAsync(database, batch);
            cpu = BenchReport.Cpu;
            clock.Restart();
            await drift.ReconcileAssetsAsync(BenchEstate.Org, batch.ConvertAll(b => b.Id), default);
            upkeep += clock.Elapsed;
            upkeepCpu += BenchReport.Cpu - cpu;
        }

        BenchReport.Rate($"incremental upkeep, {label} (asset changes applied to the summaries, SQLite)", Changes, upkeep, upkeepCpu, target: 50_000);
    }

    // 3. A promotion: 1.9 becomes production in one family; every asset of the family is re-evaluated.
    //    One promotion in another family first, so the measured one runs optimised code, as a running host would.
    await images.TransitionAsync(BenchEstate.Org, BenchEstate.Request(ImageNames.VersionId(estate.Families[3], "1.9"), LifecycleStatus.Production, start.AddDays(90)), default);
    await drift.ReevaluateFamilyAsync(BenchEstate.Org, estate.Families[3], default);
    var family = estate.Families[7];
    var familyAssets = estate.Assets.Count(a => a.Image!.Family == family);
    cpu = BenchReport.Cpu;
    clock.Restart();
    await images.TransitionAsync(BenchEstate.Org, BenchEstate.Request(ImageNames.VersionId(family, "1.9"), LifecycleStatus.Production, start.AddDays(90)), default);
    var transition = clock.Elapsed;
    var changed = await drift.ReevaluateFamilyAsync(BenchEstate.Org, family, default);
    BenchReport.Duration($"promotion re-evaluating {familyAssets:N0} assets ({changed:N0} changed; transition {transition.TotalMilliseconds:F0} ms)", clock.Elapsed, BenchReport.Cpu - cpu, targetMs: 1000);

    // 4. Reading the summaries.
    var samples = new List<double>();
    for (var i = 0; i < 2000; i++)
    {
        clock.Restart();
        var summaries = await drift.GetSummariesAsync(BenchEstate.Org, default);
        _ = summaries.Select(s => DriftSummary.From(s.Value, start.AddDays(100), RagThresholds.Default)).Count();
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }

    samples.Sort();
    BenchReport.Line($"summary read ({(await drift.GetSummariesAsync(BenchEstate.Org, default)).Count} groups): p50 {samples[samples.Count / 2]:F2} ms, p99 {samples[(int)(samples.Count * 0.99)]:F2} ms (target < 5 ms) {(samples[(int)(samples.Count * 0.99)] < 5 ? "OK" : "MISSED")}");

    // 4b. Listing outdated assets: the first listing merges what upkeep logged since the last merge; then pages of 50.
    clock.Restart();
    var page = await drift.ListOutdatedAsync(BenchEstate.Org, new DriftFilter(), 50, null, default);
    var firstListing = clock.Elapsed;
    var pages = new List<double>();
    for (var i = 0; i < 200 && page.NextCursor is not null; i++)
    {
        clock.Restart();
        page = await drift.ListOutdatedAsync(BenchEstate.Org, new DriftFilter { Environment = "prod" }, 50, page.NextCursor, default);
        pages.Add(clock.Elapsed.TotalMilliseconds);
    }

    pages.Sort();
    BenchReport.Line($"outdated listing: first page {firstListing.TotalMilliseconds:F0} ms (with the merge), then pages of 50: p50 {pages[pages.Count / 2]:F2} ms, p99 {pages[(int)(pages.Count * 0.99)]:F2} ms");

    // 5. Full recompute in memory, against a plain pass over the same arrays.
    var baselines = new Dictionary<string, FamilyBaseline>(StringComparer.Ordinal);
    foreach (var f in estate.Families)
    {
        baselines[f] = FamilyBaseline.From(f, await images.ListVersionsAsync(BenchEstate.Org, f, default));
    }

    InMemoryPasses.FullRecompute(estate.Assets.AsSpan(0, 10_000).ToArray(), baselines);
    InMemoryPasses.PlainPass(estate.Assets, baselines);
    cpu = BenchReport.Cpu;
    clock.Restart();
    var recomputed = InMemoryPasses.FullRecompute(estate.Assets, baselines);
    var full = clock.Elapsed;
    var fullCpu = BenchReport.Cpu - cpu;
    cpu = BenchReport.Cpu;
    clock.Restart();
    var compliant = InMemoryPasses.PlainPass(estate.Assets, baselines);
    var plain = clock.Elapsed;
    var plainCpu = BenchReport.Cpu - cpu;
    BenchReport.Duration($"full recompute in memory ({recomputed.Count} groups)", full, fullCpu);
    BenchReport.Duration($"plain in-memory pass over the same arrays ({compliant:N0} compliant)", plain, plainCpu);
    BenchReport.Line($"ratio full recompute / plain pass (wall): {full.TotalMilliseconds / plain.TotalMilliseconds:F1}x");

    // 6. The upkeep arithmetic alone, in memory (no store), for scale.
    var rows = estate.Assets.Select(a => DriftEvaluator.Evaluate(a, baselines[a.Image!.Family])).ToArray();
    var picks = Enumerable.Range(0, 1_000_000).Select(_ => random.Next(assets)).ToArray();
    var versions = picks.Select(_ => BenchEstate.Versions[4 + random.Next(6)]).ToArray();
    cpu = BenchReport.Cpu;
    clock.Restart();
    InMemoryPasses.Upkeep(rows, picks, versions, baselines);
    BenchReport.Rate("incremental upkeep arithmetic in memory (no store)", picks.Length, clock.Elapsed, BenchReport.Cpu - cpu);

    // The store's summaries still equal a full recompute: every inventory asset evaluated afresh against its family's
    // baseline now gives the stored drift row, and those rows add up to the stored summaries.
    foreach (var f in estate.Families)
    {
        baselines[f] = FamilyBaseline.From(f, await images.ListVersionsAsync(BenchEstate.Org, f, default));
    }

    var stored = await drift.GetSummariesAsync(BenchEstate.Org, default);
    var (fresh, mismatched) = BenchCheck.Recompute(database, BenchEstate.Org, baselines);
    var equal = fresh.Count == stored.Count && fresh.All(g => stored.TryGetValue(g.Key, out var c) && c.Equals(g.Value));
    BenchReport.Line($"check: stored summaries ({stored.Count} groups, organisation total {stored[DriftGroup.Organisation].Total:N0} of {assets:N0} assets) "
        + $"{(equal ? "equal" : "DIFFER FROM")} a full recompute from the inventory; {mismatched:N0} stored drift rows differ from a fresh evaluation");
    if (!equal || mismatched > 0)
    {
        Environment.ExitCode = 1;
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
