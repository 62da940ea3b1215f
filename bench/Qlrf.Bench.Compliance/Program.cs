using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Bench.Drift;
using Qlrf.Compliance;
using Qlrf.Compliance.Engine;
using Qlrf.Discovery;
using Qlrf.Drift;
using Qlrf.Images;
using Qlrf.Store.Sqlite;

// Compliance engine benchmark: every shipped framework evaluated over 100,000 assets (50 families, 10 versions each)
// on the embedded SQLite store, drift already reconciled. Measures the first evaluation (every check instance evaluated
// in full and stored), a read served from stored results, one environment, and the incremental re-evaluation of a
// batch of asset changes and of a family after a promotion.
// Run with: dotnet run -c Release --project bench/Qlrf.Bench.Compliance [-- assets families]
var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var familyCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-compliance-" + Guid.NewGuid().ToString("N"));
Console.WriteLine($"Compliance benchmark: {assets:N0} assets in {familyCount} families, SQLite at {directory}; {Environment.ProcessorCount} cores");
LoadAverage("at start");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Qlrf:Store:Path"] = Path.Combine(directory, "bench.db"),
    ["Qlrf:Compliance:Directory"] = "compliance",
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddSqliteStore();
builder.AddCompliance();
using var host = builder.Build();
var services = host.Services;
var estate = new BenchEstate(assets, familyCount, sites: 20, seed: 42);
var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
try
{
    var database = services.GetRequiredService<SqliteDatabase>();
    var images = services.GetRequiredService<IImageStore>();
    var drift = services.GetRequiredService<IDriftStore>();
    var engine = services.GetRequiredService<ComplianceEngine>();
    var clock = Stopwatch.StartNew();
    await estate.RegisterAsync(images, start);
    await estate.LoadInventoryAsync(database);
    foreach (var (org, pending) in await drift.ListPendingAsync(default))
    {
        await drift.ReevaluateFamilyAsync(org, pending, default);
    }

    for (var i = 0; i < assets; i += 1000)
    {
        await drift.ReconcileAssetsAsync(BenchEstate.Org, estate.Assets.Skip(i).Take(1000).Select(a => a.Id).ToList(), default);
    }

    Console.WriteLine($"setup: registry, inventory and drift of {assets:N0} assets in {clock.Elapsed.TotalSeconds:F1} s ({engine.Frameworks.Count} frameworks, {engine.Catalogue.Instances.Count} check instances)");

    var first = await MeasureAsync("first evaluation of every framework (every check evaluated in full and stored)", () => engine.EvaluateAllAsync(BenchEstate.Org, [], default));
    Report(first);
    Report(await MeasureAsync("every framework from stored results", () => engine.EvaluateAllAsync(BenchEstate.Org, [], default)));
    Report(await MeasureAsync("every framework, one environment (prod)", () => engine.EvaluateAllAsync(BenchEstate.Org, ["prod"], default)));

    var changed = estate.Assets.Take(500).Select(a => a.Id).ToList();
    await BenchEstate.UpdateVersionsAsync(database, changed.ConvertAll(id => (id, BenchEstate.Versions[^2])));
    await drift.ReconcileAssetsAsync(BenchEstate.Org, changed, default);
    var batch = changed.ConvertAll(id => new AssetChanged
    {
        EventId = Guid.NewGuid(),
        Organisation = BenchEstate.Org,
        Source = "bench",
        SweepRunId = "bench",
        Kind = AssetChangeKind.Updated,
        AssetId = id,
        Version = 2,
        DetectedAt = start,
    });
    await MeasureAsync("incremental: a batch of 500 asset changes", async () => { await engine.HandleAsync(batch, default); return 0; });
    var family = estate.Families[0];
    await MeasureAsync($"incremental: a family re-evaluated after a promotion ({assets / familyCount:N0} assets)", async () => { await engine.ImageFamilyChangedAsync(BenchEstate.Org, family, default); return 0; });
    var after = await engine.EvaluateAllAsync(BenchEstate.Org, [], default);
    Console.WriteLine("scores: " + string.Join(", ", after.Select(f => $"{f.Framework.Id} {f.Score} ({f.Passing} passing, {f.Failing} failing, {f.Manual} manual)")));
    LoadAverage("at end");
}
finally
{
    await host.StopAsync();
    host.Dispose();
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

static async Task<T> MeasureAsync<T>(string what, Func<Task<T>> run)
{
    GC.Collect();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var result = await run();
    var elapsed = clock.Elapsed;
    var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    Console.WriteLine($"{what}: {elapsed.TotalMilliseconds:N0} ms, CPU {used.TotalMilliseconds:N0} ms, allocated {bytes / 1024.0 / 1024.0:N1} MiB");
    return result;
}

static void Report(IReadOnlyList<FrameworkResult> results) =>
    Console.WriteLine("  " + string.Join("; ", results.Select(r => $"{r.Framework.Id}: {r.Passing}/{r.Failing}/{r.Manual} score {r.Score}")));

static void LoadAverage(string when)
{
    if (File.Exists("/proc/loadavg"))
    {
        Console.WriteLine($"load average {when}: {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
