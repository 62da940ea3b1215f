using System.Diagnostics;
using System.Globalization;
using Qlrf.Bench.Api;

// API at scale: a 100,000-asset sandbox estate (and its drift) in a local host started as its own process; this
// process drives GET /api/v1/assets?limit=50 with filters and GET /api/v1/drift at a fixed rate, open loop.
// Target (2 cores): p99 < 20 ms, no errors, at 500 requests/s for 20 s.
// Arguments (optional): assets (default 100000), requests/s (default 500), seconds (default 20).
var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;

var repository = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(repository, "Qlrf.sln")))
{
    repository = Path.GetDirectoryName(repository.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new DirectoryNotFoundException("the repository (Qlrf.sln) above the bench");
}

var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-api-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    ApiEstate.Write(directory, assets);
    var seeding = Stopwatch.StartNew();
    await using var host = await HostProcess.StartAsync(directory, repository);
    await host.WaitForDriftAsync(assets, TimeSpan.FromMinutes(15));
    Console.WriteLine(Invariant($"QL-RF API benchmark: {assets:N0} sandbox assets with drift in a host process (pid {host.Id}); {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
    Console.WriteLine(Invariant($"  host start, first sweep, inventory and drift of {assets:N0} assets: {seeding.Elapsed.TotalSeconds:F1} s"));

    string[] paths =
    [
        "api/v1/drift",
        "api/v1/assets?limit=50",
        "api/v1/drift",
        "api/v1/assets?limit=50&environment=prod",
        "api/v1/drift",
        "api/v1/assets?limit=50&platform=aws&environment=staging",
        "api/v1/drift",
        "api/v1/assets?limit=50&site=site-07",
        "api/v1/drift",
        "api/v1/assets?limit=50&imageFamily=rhel-9-base&state=stopped",
        "api/v1/drift",
        "api/v1/assets?limit=50&tag=team:payments",
        "api/v1/drift",
        "api/v1/assets?limit=50&environment=dev&tag=app:app-17",
    ];

    // Unloaded: each path a few times in a row, one request at a time (the service time without queueing).
    foreach (var path in paths.Distinct())
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var one = Stopwatch.StartNew();
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
            times.Add(one.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine(Invariant($"  {path}: {(int)response.StatusCode}"));
            }
        }

        Console.WriteLine(Invariant($"  one at a time: {path,-62} {string.Join(" ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))} ms"));
    }

    // Warm-up at the same rate (JIT, connections, caches), not counted.
    await new LoadRun(host.Client, paths, rate).RunAsync(TimeSpan.FromSeconds(3));

    var load = File.ReadAllText("/proc/loadavg").Trim();
    var hostCpu = host.CpuTime;
    using var self = Process.GetCurrentProcess();
    var selfCpu = self.TotalProcessorTime;
    var result = await new LoadRun(host.Client, paths, rate).RunAsync(TimeSpan.FromSeconds(seconds));
    self.Refresh();
    var wall = result.Elapsed.TotalSeconds;
    var all = result.Latencies.Values.SelectMany(l => l).ToList();

    Console.WriteLine();
    Console.WriteLine(Invariant($"{rate} requests/s for {seconds} s, open loop (latency from each request's scheduled time), half GET /api/v1/drift, half GET /api/v1/assets?limit=50 with filters"));
    Console.WriteLine(Invariant($"  all:  {result.Requests:N0} requests, {result.ErrorCount} errors{(result.ErrorCount > 0 ? " (" + string.Join(", ", result.Errors.Select(e => $"{e.Key}: {e.Value}")) + ")" : string.Empty)};  p50 {LoadResult.Percentile(all, 50),6:F1} ms   p99 {LoadResult.Percentile(all, 99),6:F1} ms   max {all.Max(),7:F1} ms; target p99 < 20 ms, 0 errors"));
    foreach (var (path, latencies) in result.Latencies)
    {
        Console.WriteLine(Invariant($"  {path,-62} p50 {LoadResult.Percentile(latencies, 50),6:F1} ms   p99 {LoadResult.Percentile(latencies, 99),6:F1} ms"));
    }

    Console.WriteLine(Invariant($"  machine: load average before {load}, after {File.ReadAllText("/proc/loadavg").Trim()}; host CPU {(host.CpuTime - hostCpu).TotalSeconds / wall * 100,5:F0}% of a core, bench CPU {(self.TotalProcessorTime - selfCpu).TotalSeconds / wall * 100,5:F0}%; sender behind schedule at the end by {result.SenderLateMs:F0} ms"));
    return result.ErrorCount == 0 ? 0 : 1;
}
finally
{
    try
    {
        Directory.Delete(directory, recursive: true);
    }
    catch (IOException)
    {
    }
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
