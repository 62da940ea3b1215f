using System.Globalization;
using Qlrf.Bench.Durable;

// dotnet run -c Release --project bench/Qlrf.Bench.Durable [-- --only throughput|latency|fanout|scale] [--stored N]
var only = Argument("--only");
var stored = int.Parse(Argument("--stored") ?? "1000000", CultureInfo.InvariantCulture);
Console.WriteLine($"QL-RF embedded durable runtime benchmark ({Environment.ProcessorCount} cores, {TimeProvider.System.GetLocalNow():yyyy-MM-dd HH:mm})");

if (Runs("throughput"))
{
    var (rate, raw) = await ThroughputBench.RunAsync(5000);
    Console.WriteLine($"Throughput: {rate:F0} five-activity sequential orchestrations/s (target >= 500)");
    Console.WriteLine($"  raw committed SQLite transactions/s on this machine: {raw:F0}; orchestrations per raw transaction: {rate / raw:P1}");
}

if (Runs("latency"))
{
    var (p50, p99, samples, background) = await LatencyBench.RunAsync(samples: 500, backgroundPerSecond: 100);
    Console.WriteLine($"Event latency: p50 {p50:F2} ms, p99 {p99:F2} ms over {samples} events (targets < 5 ms, < 20 ms), background {background:F0} orchestrations/s");
}

if (Runs("fanout"))
{
    var elapsed = await FanOutBench.RunAsync(10_000);
    Console.WriteLine($"Fan-out: 10,000 activities joined in {elapsed.TotalSeconds:F2} s (target < 10 s)");
}

if (Runs("scale"))
{
    var (empty, full) = await ScaleBench.RunAsync(stored, samples: 1000);
    Console.WriteLine($"Scale: median latency, empty store vs {stored:N0} completed instances, measured alternately (target within 20%)");
    Print("start", empty.Start, full.Start);
    Print("get by id", empty.Get, full.Get);
    Print("query live", empty.QueryLive, full.QueryLive);
    Print("query by name+created", empty.QueryByName, full.QueryByName);
}

return 0;

static void Print(string what, double empty, double full) =>
    Console.WriteLine($"  {what,-22} {empty,8:F3} ms  {full,8:F3} ms  ({full / empty - 1:+0%;-0%})");

bool Runs(string section) => only is null || only == section;

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
