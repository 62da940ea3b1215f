using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Bench.Certificates;
using Qlrf.Certificates;
using Qlrf.Certificates.Tls;
using Qlrf.Store.Sqlite;

// Certificates benchmark.
// 1. TLS scan: 1,000 endpoints on loopback (EC P-256 leaves from a bench CA, chain served), scanned by the real
//    SslStreamProbe through TlsScanner at several concurrencies: wall time, endpoints/s, per-endpoint p50/p99.
// 2. Blast radius: 100,000 usages over 10,000 certificates (and one wildcard with 5,000) in the SQLite store; the
//    /usage query (read a certificate's usages, count them by environment and kind): p50/p99.
const int Endpoints = 1_000;
const int Certificates = 10_000;
const int UsagesPerCertificate = 10;
const int WildcardUsages = 5_000;
const int Queries = 2_000;
int[] concurrencies = args.Length > 0 ? [.. args.Select(int.Parse)] : [8, 32, 64];

Console.WriteLine($"QL-RF certificates benchmark; {Environment.ProcessorCount} cores; load average {Load()}");

using var pki = new BenchPki(leaves: 20);
await using (var endpoints = new LoopbackTlsEndpoints(Endpoints, pki))
{
    var probeOptions = Options.Create(new TlsProbeOptions { TrustSystemRoots = false, Timeout = TimeSpan.FromSeconds(30) });
    var probe = new TimedProbe(new SslStreamProbe(probeOptions, [new BenchAnchors(pki.Ca)], TimeProvider.System));
    var targets = endpoints.Ports.Select(p => new TlsTarget("127.0.0.1", p, "localhost")).ToList();
    await TlsScanner.ScanAsync(probe, targets.Take(50).ToList(), 8, default);
    Console.WriteLine($"TLS scan of {Endpoints:N0} loopback endpoints (warm-up of 50 done)");
    Console.WriteLine("  concurrency |   wall ms | endpoints/s | p50 ms | p99 ms | max ms | ok/valid");
    foreach (var concurrency in concurrencies)
    {
        probe.Reset();
        var clock = Stopwatch.StartNew();
        var results = await TlsScanner.ScanAsync(probe, targets, concurrency, default);
        clock.Stop();
        var ok = results.Select((r, i) => r.Succeeded && r.ChainValid && r.NameMatches && r.Thumbprint == endpoints.Thumbprints[targets.IndexOf(r.Target)]).Count(v => v);
        var times = probe.Times();
        Console.WriteLine($"  {concurrency,11} | {clock.Elapsed.TotalMilliseconds,9:F0} | {Endpoints / clock.Elapsed.TotalSeconds,11:F0} | {Percentile(times, 0.50),6:F1} | {Percentile(times, 0.99),6:F1} | {times[^1],6:F1} | {ok}/{results.Count}");
    }
}

Console.WriteLine($"load average {Load()}");

var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-certificates-" + Guid.NewGuid().ToString("N"));
using (var database = new SqliteDatabase(Options.Create(new SqliteStoreOptions { Path = Path.Combine(directory, "qlrf.db") }), [CertificateSchema.V1], NullLogger<SqliteDatabase>.Instance))
{
    var store = new SqliteCertificateStore(database);
    string[] environments = ["prod", "staging", "dev", "sandbox"];
    var usages = new List<CertificateUsage>(Certificates * UsagesPerCertificate + WildcardUsages);
    for (var c = 0; c < Certificates; c++)
    {
        for (var u = 0; u < UsagesPerCertificate; u++)
        {
            var kind = (UsageKind)(u % 4);
            usages.Add(new CertificateUsage($"kv:cert-{c:D5}", kind, $"target-{c:D5}-{u}", environments[(c + u) % environments.Length], kind == UsageKind.Asset ? "behind:x" : "thumbprint", kind != UsageKind.Asset));
        }
    }

    for (var u = 0; u < WildcardUsages; u++)
    {
        usages.Add(new CertificateUsage("kv:wildcard", UsageKind.Endpoint, $"10.{u / 250}.{u % 250}.1:443", environments[u % environments.Length], "san"));
    }

    var write = Stopwatch.StartNew();
    await store.ReplaceUsagesAsync("bench", usages, default);
    write.Stop();
    var countClock = Stopwatch.StartNew();
    var total = await store.CountUsagesAsync("bench", default);
    countClock.Stop();
    Console.WriteLine($"Blast radius over {total:N0} usages ({Certificates:N0} certificates x {UsagesPerCertificate}, one wildcard x {WildcardUsages:N0}); replace {write.Elapsed.TotalMilliseconds:F0} ms, count {countClock.Elapsed.TotalMilliseconds:F1} ms");

    var random = new Random(42);
    var times = new List<double>(Queries);
    for (var q = 0; q < Queries; q++)
    {
        var id = $"kv:cert-{random.Next(Certificates):D5}";
        var clock = Stopwatch.StartNew();
        var radius = BlastRadius.Of(id, await store.ListUsagesAsync("bench", id, default));
        clock.Stop();
        times.Add(clock.Elapsed.TotalMilliseconds);
        if (radius.Usages.Count != UsagesPerCertificate)
        {
            throw new InvalidOperationException($"{id} has {radius.Usages.Count} usages, expected {UsagesPerCertificate}.");
        }
    }

    times.Sort();
    Console.WriteLine($"  {Queries:N0} queries of a {UsagesPerCertificate}-usage certificate: p50 {Percentile(times, 0.50):F2} ms, p99 {Percentile(times, 0.99):F2} ms, max {times[^1]:F2} ms");

    var wildcard = new List<double>();
    for (var q = 0; q < 100; q++)
    {
        var clock = Stopwatch.StartNew();
        var radius = BlastRadius.Of("kv:wildcard", await store.ListUsagesAsync("bench", "kv:wildcard", default));
        clock.Stop();
        wildcard.Add(clock.Elapsed.TotalMilliseconds);
        if (radius.Usages.Count != WildcardUsages || radius.ByEnvironment.Count != environments.Length)
        {
            throw new InvalidOperationException($"the wildcard has {radius.Usages.Count} usages, expected {WildcardUsages}.");
        }
    }

    wildcard.Sort();
    Console.WriteLine($"  100 queries of the {WildcardUsages:N0}-usage wildcard: p50 {Percentile(wildcard, 0.50):F2} ms, p99 {Percentile(wildcard, 0.99):F2} ms");
}

Directory.Delete(directory, recursive: true);
Console.WriteLine($"load average {Load()}");
return 0;

static string Load() => File.ReadAllText("/proc/loadavg").Trim();

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

/// <summary>The bench CA as the probe's only trust anchor.</summary>
internal sealed class BenchAnchors(System.Security.Cryptography.X509Certificates.X509Certificate2 ca) : ITrustAnchors
{
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> Anchors { get; } = [ca];
}

/// <summary>Times each handshake of the probe it wraps.</summary>
internal sealed class TimedProbe(ITlsProbe inner) : ITlsProbe
{
    private ConcurrentBag<double> times = [];

    public async Task<TlsProbeResult> ProbeAsync(TlsTarget target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await inner.ProbeAsync(target, cancellationToken);
        times.Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }

    public void Reset() => times = [];

    public List<double> Times()
    {
        var sorted = times.ToList();
        sorted.Sort();
        return sorted;
    }
}
