using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Bench.Inventory;
using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.Store.Sqlite;

// Inventory loop benchmark: a 100,000-asset estate, then a sweep with 1% of it changed.
// Targets (2 cores): sweep (diff + enqueue) < 2 s; processing >= 20,000 events/s; peak memory < 500 MB.
// Arguments (optional): "parse" measures only the estate file parse; "parse-estate-file <path>" is that parse's own process.
const int AssetCount = 100_000;
const double ChangedShare = 0.01;

if (args is [EstateParse.ChildVerb, var file])
{
    return EstateParse.Run(file);
}

if (args is ["parse"])
{
    var parseOnly = Path.Combine(Path.GetTempPath(), "qlrf-bench-estate-" + Guid.NewGuid().ToString("N") + ".yaml");
    SyntheticEstate.WriteYaml(SyntheticEstate.Generate(AssetCount, seed: 42), parseOnly);
    Console.WriteLine($"QL-RF estate parse benchmark; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    var code = await EstateParse.InChildAsync(parseOnly);
    File.Delete(parseOnly);
    return code;
}

var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-inventory-" + Guid.NewGuid().ToString("N"));
var time = TimeProvider.System;
var database = new SqliteDatabase(
    Options.Create(new SqliteStoreOptions { Path = Path.Combine(directory, "qlrf.db") }),
    [InventorySchema.V1, InventorySchema.V2, QueueSchema.V1],
    NullLogger<SqliteDatabase>.Instance);
var queueOptions = new QueueOptions();
var queue = new SqliteAssetChangeQueue(database, Options.Create(queueOptions), time, NullLogger<SqliteAssetChangeQueue>.Instance);
var inventory = new SqliteInventoryStore(database, time);
var discovery = new SqliteDiscoveryStore(database, queue, inventory, time);
var sweeper = new DiscoverySweeper(discovery, time, NullLogger<DiscoverySweeper>.Instance);
var processor = new AssetChangeFunctions(inventory, [], NullLogger<AssetChangeFunctions>.Instance);
var runs = 0;

Console.WriteLine($"QL-RF inventory benchmark: {AssetCount:N0} assets, {ChangedShare:P0} changed; {Environment.ProcessorCount} cores, SQLite WAL synchronous=NORMAL");

Task<Measured<SweepRun>> SweepAsync(IReadOnlyList<Asset> assets) => Report.MeasureAsync(async () =>
{
    var run = new SweepRun { Id = $"bench-{++runs}", Organisation = "bench", Source = "synthetic", Trigger = SweepTrigger.Api, StartedAt = time.GetUtcNow() };
    await discovery.StartRunAsync(run, default);
    return await sweeper.SweepAsync(new ListSource(assets), run, TimeSpan.FromMinutes(10), default);
});

// The local host's consumer loop: receive a batch, apply it, complete it.
Task<Measured<int>> DrainAsync() => Report.MeasureAsync(async () =>
{
    var events = 0;
    while (await queue.ReceiveAsync(queueOptions.BatchSize, default) is { Count: > 0 } batch)
    {
        await processor.ApplyAsync(batch.Select(d => d.Message!).ToList(), default);
        await queue.CompleteAsync(batch, default);
        events += batch.Count;
    }

    return events;
});

// 1. The inventory: a first sweep of the whole estate, and processing of its 100,000 "added" events.
var estate = SyntheticEstate.Generate(AssetCount, seed: 42);
var seed = await SweepAsync(estate);
Report.Line("initial sweep (100% added): diff + enqueue", seed, $"{seed.Value.Counts.Added:N0} events");
var seedProcessing = await DrainAsync();
Report.Line("processing the initial events", seedProcessing, Report.Rate(seedProcessing.Value, seedProcessing));

// 2. The measured sweep: 1% changed (updates, additions, removals) against the stored 100,000.
var changed = SyntheticEstate.Change(estate, ChangedShare, seed: 7);
estate = null;
var sweep = await SweepAsync(changed);
var c = sweep.Value.Counts;
Report.Line("sweep with 1% changed: diff + enqueue", sweep, $"{c.Added} added, {c.Updated} updated, {c.Removed} removed; target < 2 s");
var changeProcessing = await DrainAsync();
Report.Line("processing the 1% changes", changeProcessing, Report.Rate(changeProcessing.Value, changeProcessing));
using (var process = Process.GetCurrentProcess())
{
    Console.WriteLine($"peak working set through the target scenario: {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB; target < 500 MB");
}

// 3. Processing throughput on a backlog of 100,000 updates (every asset changed).
var bumped = SyntheticEstate.BumpAll(changed);
changed = null;
var bulk = await SweepAsync(bumped);
Report.Line("sweep with 100% updated: diff + enqueue", bulk, $"{bulk.Value.Counts.Updated:N0} events");
var bulkProcessing = await DrainAsync();
Report.Line("processing a backlog of 100,000 updates", bulkProcessing, Report.Rate(bulkProcessing.Value, bulkProcessing) + "; target >= 20,000/s");

// 4. The sandbox estate file at this size: the sandbox source's own parse before the diff.
var yaml = Path.Combine(directory, "estate-100k.yaml");
SyntheticEstate.WriteYaml(bumped, yaml);
await EstateParse.InChildAsync(yaml);

using (var process = Process.GetCurrentProcess())
{
    Console.WriteLine($"peak working set including the backlog: {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB");
}

Console.WriteLine($"committed write transactions: {database.WriteCount:N0}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
database.Dispose();
Directory.Delete(directory, recursive: true);
return 0;
