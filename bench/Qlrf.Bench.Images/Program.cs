using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Qlrf.Bench.Images;
using Qlrf.Images;
using Qlrf.Images.Scanners;

// Import benchmark: a realistic Trivy JSON report of about 50 MB (many results, many vulnerabilities with Trivy's real
// fields), parsed from a file by the streaming parser, then imported through the real HTTP route of the local host
// (POST /api/v1/images/{id}/vulnerabilities, parsed as it streams in, saved to SQLite). Each phase prints its wall and
// CPU time, bytes allocated, and peak managed heap and working set. The peak working set is the process's since start:
// the parser phase runs first, before the host starts. Each phase first imports a 1 MB report, so the code is compiled.
// Run with: dotnet run -c Release --project bench/Qlrf.Bench.Images [-- megabytes]
var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-images-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    var file = Path.Combine(directory, "trivy.json");
    var (written, bytes) = TrivyReportWriter.Write(file, megabytes * 1_000_000L, cves: 5_000);
    Console.WriteLine(Invariant($"QL-RF import benchmark: Trivy JSON of {bytes / 1_000_000.0:N1} MB, {written:N0} vulnerability entries in 5 results; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
    if (File.Exists("/proc/loadavg"))
    {
        Console.WriteLine(Invariant($"  load average at start: {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    var warmUp = Path.Combine(directory, "warm-up.json");
    TrivyReportWriter.Write(warmUp, 1_000_000, cves: 5_000);
    async Task<ScanReport> ParseAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return await ScanReportReader.ReadAsync(stream, null, 32, CancellationToken.None);
    }

    await ParseAsync(warmUp);
    var (report, parse) = await Cost.OfAsync(() => ParseAsync(file));
    var counts = report.Counts;
    Console.WriteLine();
    Console.WriteLine(Invariant($"Parse from a file (ScanReportReader, streaming): {report.Findings.Count:N0} findings, {counts.Vulnerabilities.Values.Sum():N0} unique vulnerabilities"));
    Console.WriteLine("  " + parse);
    Console.WriteLine(Invariant($"  throughput: {bytes / 1_048_576.0 / parse.Wall.TotalSeconds:N1} MB/s"));

    await using var host = await BenchHost.StartAsync(directory);
    await PostAsync(host.Client, "/api/v1/images/families", """{"name": "payments-api", "os": "Debian 12", "owner": "platform"}""");
    await PostAsync(host.Client, "/api/v1/images/families/payments-api/versions", """{"version": "2026.11.1", "platforms": {"kubernetes": "registry.acme.example/payments-api@sha256:6f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a376f2a9d1c0b4e8a37"}}""");

    async Task<JsonElement> ImportAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        using var content = new StreamContent(stream, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await host.Client.PostAsync("/api/v1/images/payments-api@2026.11.1/vulnerabilities", content);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.Clone() : throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
    }

    await ImportAsync(warmUp);
    var (imported, http) = await Cost.OfAsync(() => ImportAsync(file));
    var findings = imported.GetProperty("counts").GetProperty("findings").EnumerateObject().Sum(p => p.Value.GetInt32());
    Console.WriteLine();
    Console.WriteLine(Invariant($"Import through the local host (HTTP POST, streaming parse, SQLite save in one transaction): {findings:N0} findings"));
    Console.WriteLine("  " + http);
    Console.WriteLine(Invariant($"  throughput: {bytes / 1_048_576.0 / http.Wall.TotalSeconds:N1} MB/s"));
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

static async Task PostAsync(HttpClient client, string path, string json)
{
    using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
    using var response = await client.PostAsync(path, content);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
