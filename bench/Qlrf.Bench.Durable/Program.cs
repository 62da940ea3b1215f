using Qlrf.Bench.Durable;

Console.WriteLine("QL-RF embedded durable runtime benchmark");
var (rate, raw) = await ThroughputBench.RunAsync(5000);
Console.WriteLine($"Throughput: {rate:F0} five-activity orchestrations/s (target >= 500)");
Console.WriteLine($"Raw committed SQLite transactions/s: {raw:F0}; ratio {rate / raw:P1}");
