using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Bench.Rollouts;

// On the sandbox platform: roll 10,000 assets out in 4 waves with zero waits (end-to-end time, overhead per asset),
// then measure approval-to-first-action latency over small rollouts (p50, p99). Everything runs through the real
// local host: HTTP API, planning, approval service, embedded durable runtime on SQLite, sandbox executor.
// The latency runs share the runtime with a background load of small orchestrations (default 100 started per second).
// Arguments (optional): the number of assets (default 10000), of latency samples (default 100), and the background
// orchestrations per second (default 100).
var Assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var LatencySamples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var BackgroundPerSecond = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-rollouts-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    BenchEstate.Write(directory, Assets);
    var startup = Stopwatch.StartNew();
    await using var host = await BenchHost.StartAsync(directory);
    var bench = new RolloutBench(host);
    await bench.WaitForInventoryAsync(Assets);
    Console.WriteLine(Invariant($"QL-RF rollout benchmark: {Assets:N0} sandbox assets, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
    Console.WriteLine(Invariant($"  host start, first sweep and inventory of {Assets:N0} assets: {startup.Elapsed.TotalSeconds:F1} s"));

    var big = await bench.RollOutAllAsync();
    Console.WriteLine();
    Console.WriteLine(Invariant($"Roll-out of {Assets:N0} assets, 4 waves (25/50/75/100%), batches of {RolloutBench.BigBatch}, no waits, approve_all"));
    Console.WriteLine(Invariant($"  request to awaiting approval (plan, risk, policies): {big.Planned.TotalMilliseconds,9:F0} ms"));
    Console.WriteLine(Invariant($"  approval to first change:                          {big.FirstAction.TotalMilliseconds,9:F1} ms; target < 100 ms"));
    Console.WriteLine(Invariant($"  approval to completed:                             {big.Execution.TotalSeconds,9:F2} s"));
    Console.WriteLine(Invariant($"  end-to-end (request to completed):                 {big.EndToEnd.TotalSeconds,9:F2} s"));
    Console.WriteLine(Invariant($"  overhead per asset (execution / assets):           {big.Execution.TotalMilliseconds / Assets,9:F3} ms"));
    Console.WriteLine(Invariant($"  assets changed by the executor:                    {big.Changed,9:N0}"));
    Console.WriteLine(Invariant($"  sweep after the rollout, drift compliant assets:   {big.DriftFollowed.TotalSeconds,9:F2} s, {big.Compliant:N0} on 2.0"));

    List<double> latencies;
    var load = File.ReadAllText("/proc/loadavg").Trim();
    var background = new BackgroundLoad(host.Services.GetRequiredService<Qlrf.Orchestration.IOrchestrationClient>(), BackgroundPerSecond);
    var measuring = Stopwatch.StartNew();
    await using (background)
    {
        latencies = await bench.ApprovalLatenciesAsync(LatencySamples);
    }

    latencies.Sort();
    Console.WriteLine();
    Console.WriteLine(Invariant($"Approval to first action, {LatencySamples} rollouts of 5 assets (POST approve sent -> executor called), with {BackgroundPerSecond} background orchestrations/s"));
    Console.WriteLine(Invariant($"  p50 {Percentile(latencies, 50),7:F1} ms   p99 {Percentile(latencies, 99),7:F1} ms   min {latencies[0],7:F1} ms   max {latencies[^1],7:F1} ms; target p99 < 20 ms"));
    Console.WriteLine(Invariant($"  background: {background.Started / measuring.Elapsed.TotalSeconds:F0} orchestrations/s started ({background.Started:N0}, {background.Failed} failed to start); load average before {load}, after {File.ReadAllText("/proc/loadavg").Trim()}"));
    await bench.QuietAsync();
    return 0;
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

static double Percentile(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
