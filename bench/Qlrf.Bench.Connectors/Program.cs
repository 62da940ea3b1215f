using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qlrf.Bench.Connectors;
using Qlrf.Connectors.Aws;
using Qlrf.Discovery;
using Qlrf.Scheduling;
using Qlrf.Store.Sqlite;

// Normalising and diffing EC2 instances from recorded AWS pages (1,000 instances a page), streamed from a
// loopback EC2 through the real AWS source, SweepDiffer and DiscoverySweeper on a temporary SQLite store.
const int Estate = 50_000;
Environment.SetEnvironmentVariable("QLRF_BENCH_AWS_KEY_ID", "AKIDEXAMPLE");
Environment.SetEnvironmentVariable("QLRF_BENCH_AWS_SECRET", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
await using var ec2 = await RecordedEc2.StartAsync();
var source = CreateSource(ec2.BaseUrl);
var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-" + Guid.NewGuid().ToString("N"));
var store = Host.CreateApplicationBuilder();
store.Configuration["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db");
store.Logging.ClearProviders();
store.AddSqliteStore();
using var host = store.Build();
var discovery = host.Services.GetRequiredService<IDiscoveryStore>();
var sweeper = new DiscoverySweeper(discovery, TimeProvider.System, NullLogger<DiscoverySweeper>.Instance);

Console.WriteLine($"QL-RF connector benchmark: {Estate:N0} EC2 instances in pages of 1,000 from a loopback EC2 (Release, {Environment.ProcessorCount} cores)");
Console.WriteLine();
Console.WriteLine("| phase | instances | time (s) | instances/s | peak managed heap above start (MB) | allocated (MB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");

// Warm-up (JIT, connection pool), not measured.
ec2.Instances = 2_000;
await source.DiscoverAsync(new CountingSink(), CancellationToken.None);

// Streaming alone: read, parse and map every page, keep nothing. Peak memory must not grow with the estate.
foreach (var size in new[] { 10_000, Estate })
{
    ec2.Instances = size;
    ec2.Render();
    await Phase($"stream pages only ({size:N0})", size, () => source.DiscoverAsync(new CountingSink(), CancellationToken.None));
}

// Normalise and diff with SweepDiffer alone: first against an empty snapshot (all added), then against the full one.
ec2.Instances = Estate;
ec2.Render();
SweepDiff? cold = null;
await Phase("normalise + diff, empty snapshot", Estate, async () =>
{
    var sink = new DifferSink(new SweepDiffer(new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal)));
    await source.DiscoverAsync(sink, CancellationToken.None);
    cold = sink.Differ.Complete(complete: true);
});
var snapshot = cold!.Added.ToDictionary(a => a.Asset.Id, a => new SnapshotEntry(a.Hash, a.Version, removed: false), StringComparer.Ordinal);
cold = null;
await Phase("normalise + diff, 50k snapshot, unchanged", Estate, async () =>
{
    var sink = new DifferSink(new SweepDiffer(snapshot));
    await source.DiscoverAsync(sink, CancellationToken.None);
    Check(sink.Differ.Complete(complete: true) is { Added.Count: 0, Updated.Count: 0, Removed.Count: 0 }, "an unchanged estate diffed as changed");
});
snapshot = null;

// The real sweep: DiscoverySweeper on SQLite, committing snapshot rows and AssetChanged events.
await Phase("DiscoverySweeper + SQLite, first sweep (all added)", Estate, () => Sweep(expectAdded: Estate, expectUpdated: 0));
await Phase("DiscoverySweeper + SQLite, unchanged", Estate, () => Sweep(expectAdded: 0, expectUpdated: 0));
ec2.ChangedEvery = 100;
ec2.Render();
await Phase("DiscoverySweeper + SQLite, 1% new image version", Estate, () => Sweep(expectAdded: 0, expectUpdated: Estate / 100));

Console.WriteLine();
Console.WriteLine($"Process peak working set: {MemorySampler.PeakWorkingSet() / 1048576.0:F0} MB (the loopback EC2 server and SQLite included).");
host.Dispose();
try
{
    Directory.Delete(directory, recursive: true);
}
catch (IOException)
{
    // The store's files may still be closing; the temporary directory is left for the OS to clear.
}

return 0;

async Task Sweep(int expectAdded, int expectUpdated)
{
    var run = new SweepRun
    {
        Id = Guid.CreateVersion7().ToString(),
        Organisation = "acme",
        Source = "aws-bench",
        Trigger = SweepTrigger.Api,
        StartedAt = TimeProvider.System.GetUtcNow(),
    };
    await discovery.StartRunAsync(run, CancellationToken.None);
    var finished = await sweeper.SweepAsync(source, run, TimeSpan.FromMinutes(30), CancellationToken.None);
    Check(finished.Status == SweepStatus.Succeeded, $"the sweep ended {finished.Status}: {string.Join("; ", finished.Errors.Select(e => e.Message))}");
    Check(finished.Counts.Discovered == Estate && finished.Counts.Added == expectAdded && finished.Counts.Updated == expectUpdated, $"unexpected counts {finished.Counts}");
}

static async Task Phase(string name, int instances, Func<Task> body)
{
    using var memory = new MemorySampler();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    await body();
    watch.Stop();
    memory.Dispose();
    var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
    Console.WriteLine($"| {name} | {instances:N0} | {watch.Elapsed.TotalSeconds:F2} | {instances / watch.Elapsed.TotalSeconds:N0} | {memory.PeakAboveBaseline / 1048576.0:F1} | {mb:F0} |");
}

static void Check(bool condition, string problem)
{
    if (!condition)
    {
        throw new InvalidOperationException(problem);
    }
}

static IAssetSource CreateSource(string baseUrl)
{
    var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Qlrf:Discovery:Sources:aws-bench:Kind"] = "aws",
        ["Qlrf:Discovery:Sources:aws-bench:Regions:0"] = "eu-west-1",
        ["Qlrf:Discovery:Sources:aws-bench:Endpoint"] = baseUrl + "/aws/{region}/",
        ["Qlrf:Discovery:Sources:aws-bench:Credentials:AccessKeyIdVariable"] = "QLRF_BENCH_AWS_KEY_ID",
        ["Qlrf:Discovery:Sources:aws-bench:Credentials:SecretAccessKeyVariable"] = "QLRF_BENCH_AWS_SECRET",
    }).Build();
    var section = config.GetSection("Qlrf:Discovery:Sources:aws-bench");
    var factory = new AwsAssetSourceFactory(NullLoggerFactory.Instance, TimeProvider.System);
    var problems = factory.Validate(section.Path, section).ToList();
    Check(problems.Count == 0, string.Join("; ", problems));
    return factory.Create(new AssetSourceDefinition("aws-bench", "aws", "acme", CronSchedule.Parse("0 0 * * * *"), false, TimeSpan.FromMinutes(30)), section);
}
