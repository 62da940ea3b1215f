using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Audit;
using Qlrf.Bench.EvidencePacks;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Discovery;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Inventory;
using Qlrf.Store.Sqlite;

// Evidence pack benchmark: an estate of 10,000 prod assets on 50 image versions (each with an SBOM of 400 components
// and a scan of 300 findings) and 20,000 audit entries in range, in a real SQLite store; then one pack built as its
// orchestration's activities build it (scope, then evaluate, write and sign the streamed ZIP into the file store),
// and verified. Prints wall time, CPU time, the peak managed heap and peak working set, the pack's size, and the load
// average (the machine may be shared). Run with: dotnet run -c Release --project bench/Qlrf.Bench.EvidencePacks [-- assets images]
var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var images = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
const int AuditEntries = 20_000;
var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-evidence-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db") });
    builder.AddSqliteStore();
    builder.AddEvidencePacks();
    builder.AddEvidencePackFiles(directory);
    builder.Services.AddSingleton<IComplianceEvaluator>(new BenchEvaluator(failingAssets: 500));
    builder.Services.AddSingleton<Qlrf.Orchestration.IOrchestrationClient>(_ => throw new NotSupportedException("no orchestrations here"));
    builder.Services.AddSingleton<Qlrf.Orchestration.IOrchestrationHistory>(_ => throw new NotSupportedException("no orchestrations here"));
    using var host = builder.Build();
    var services = host.Services;
    Console.WriteLine(Invariant($"QL-RF evidence pack benchmark: {assets:N0} assets, {images} image versions, {AuditEntries:N0} audit entries; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
    Console.WriteLine("  load average at start: " + LoadAverage());

    var seed = Stopwatch.StartNew();
    await SeedAsync(services, assets, images);
    Console.WriteLine(Invariant($"  seeded in {seed.Elapsed.TotalSeconds:N1} s"));

    var now = TimeProvider.System.GetUtcNow();
    var pack = new EvidencePack
    {
        Id = "evp-bench", Organisation = "acme", Framework = "cis-v8", From = now.AddDays(-30), To = now.AddMinutes(1), Environments = ["prod"],
        RequestedBy = "user:bench", CreatedAt = now,
    };
    var store = services.GetRequiredService<IEvidencePackStore>();
    await store.CreateAsync(pack, default);

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    var before = process.WorkingSet64;
    var cpu = process.TotalProcessorTime;
    using var heap = new HeapSampler();
    var watch = Stopwatch.StartNew();
    var scope = await services.GetRequiredService<EvidenceScoper>().ScopeAsync(pack, default);
    var scoped = watch.Elapsed;
    var evaluator = services.GetRequiredService<IComplianceEvaluator>();
    var controls = await evaluator.EvaluateAsync("acme", "cis-v8", pack.Environments, default);
    EvidencePackWritten? written = null;
    await store.WriteContentAsync("acme", pack.Id, async (stream, ct) =>
        written = await services.GetRequiredService<EvidencePackWriter>().WriteAsync(pack, scope, controls, [controls], stream, null, ct), default);
    var wrote = watch.Elapsed;
    var verification = await EvidencePackSteps.VerifyStoredAsync(store, pack, services.GetRequiredService<EvidencePackSigningKey>().PublicKeyPem, default);
    watch.Stop();
    process.Refresh();

    Console.WriteLine();
    Console.WriteLine(Invariant($"Pack: {written!.Files.Count} files, {written.Size / 1048576.0:N1} MB zipped; verified: {verification!.Verified} ({verification.FilesChecked} files)"));
    Console.WriteLine(Invariant($"  scope  {scoped.TotalMilliseconds,8:N0} ms"));
    Console.WriteLine(Invariant($"  write  {(wrote - scoped).TotalMilliseconds,8:N0} ms (evaluate, stream, hash, PDF, sign)"));
    Console.WriteLine(Invariant($"  verify {(watch.Elapsed - wrote).TotalMilliseconds,8:N0} ms"));
    Console.WriteLine(Invariant($"  total  {watch.Elapsed.TotalMilliseconds,8:N0} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:N0} ms cpu"));
    Console.WriteLine(Invariant($"  peak managed heap {heap.Peak / 1048576.0:N1} MB; working set {before / 1048576.0:N1} MB before, peak {process.PeakWorkingSet64 / 1048576.0:N1} MB (since start, seeding included)"));
    Console.WriteLine("  load average at end: " + LoadAverage());
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static async Task SeedAsync(IServiceProvider services, int assets, int images)
{
    var inventory = services.GetRequiredService<IInventoryStore>();
    var registry = services.GetRequiredService<IImageStore>();
    var audit = services.GetRequiredService<IAuditLog>();
    var now = TimeProvider.System.GetUtcNow();
    await registry.CreateFamilyAsync(new ImageFamily { Organisation = "acme", Name = "bench-base", Os = "Ubuntu 22.04", Owner = "platform", CreatedAt = now, CreatedBy = "bench" }, default);
    for (var i = 0; i < images; i++)
    {
        var id = $"bench-base@2026.{i + 1}.0";
        await registry.RegisterVersionAsync(new ImageVersion { Organisation = "acme", Id = id, Family = "bench-base", Version = $"2026.{i + 1}.0", CreatedAt = now, CreatedBy = "bench", Releases = [] }, default);
        await registry.SaveSbomAsync("acme", id, new SbomDocument(SbomFormat.Cyclonedx, "1.5", id, "syft", now,
            [.. Enumerable.Range(0, 400).Select(c => new SbomComponent($"pkg-{c:D3}", $"1.{i}.{c}", "library", $"pkg:deb/ubuntu/pkg-{c:D3}@1.{i}.{c}", "MIT", "Canonical"))]), "bench", default);
        await registry.SaveScanAsync("acme", id, new ScanReport(ScanFormat.Trivy, "0.50", id, now,
            [.. Enumerable.Range(0, 300).Select(f => new VulnerabilityFinding($"CVE-2026-{f:D5}", $"pkg-{f % 400:D3}", $"1.{i}.{f}", $"1.{i}.{f + 1}", (Severity)(f % 4), "a vulnerability"))]), "bench", default);
    }

    for (var start = 0; start < assets; start += 1000)
    {
        var batch = Enumerable.Range(start, Math.Min(1000, assets - start)).Select(a => new AssetChanged
        {
            EventId = Guid.NewGuid(), Organisation = "acme", Source = "bench", SweepRunId = "seed", Kind = Qlrf.Discovery.AssetChangeKind.Added,
            AssetId = $"asset-{a:D5}", Version = 1, Hash = "h" + a, DetectedAt = now,
            Asset = new Asset
            {
                Id = $"asset-{a:D5}", Name = $"asset-{a:D5}", Platform = Platform.Aws, Site = $"site-{a % 7}", Environment = "prod",
                Image = new ImageRef("bench-base", $"2026.{(a % images) + 1}.0"), State = AssetState.Running, Health = AssetHealth.Healthy,
            },
        }).ToList();
        await inventory.ApplyAsync(batch, default);
    }

    for (var e = 0; e < AuditEntries; e++)
    {
        await audit.AppendAsync(new AuditEvent { Organisation = "acme", Actor = "user:bench", Action = "BenchAction", Target = $"/api/v1/things/{e}", Outcome = AuditOutcome.Success }, default);
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>Samples the managed heap every few milliseconds while the pack is built and keeps the highest value.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Thread thread;
    private volatile bool stop;

    public HeapSampler()
    {
        thread = new Thread(() =>
        {
            while (!stop)
            {
                Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(5);
            }
        }) { IsBackground = true };
        thread.Start();
    }

    public long Peak { get; private set; }

    public void Dispose()
    {
        stop = true;
        thread.Join();
    }
}
