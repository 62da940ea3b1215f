using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Audit;
using Qlrf.Compliance;
using Qlrf.Compliance.EvidencePacks;
using Qlrf.Images;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Compliance;

/// <summary>One host on the sandbox (estate swept, sample images with their SBOMs and scans), evaluating the shipped frameworks.</summary>
public sealed class EvidencePackHost : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

/// <summary>Evidence packs through the real host: the embedded durable runtime, real SQLite, the pack stored under the data directory.</summary>
public sealed class EvidencePackTests(EvidencePackHost fixture) : IClassFixture<EvidencePackHost>
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task A_prod_pack_over_the_last_30_days_holds_exactly_the_expected_files_with_matching_hashes_and_verifies()
    {
        using var engineer = await Host.CreateClientAsAsync(Role.Engineer);
        var (id, location) = await CreateAsync(engineer, """{"framework":"cis-v8","from":"FROM","to":"TO","environments":["prod"]}""");
        var pack = await WaitForStoredAsync(engineer, id);
        var zip = await DownloadAsync(engineer, id);

        Assert.Equal($"/api/v1/compliance/evidence-packs/{id}", location);
        Assert.Equal((await ExpectedAsync()).Order(StringComparer.Ordinal), Names(zip).Order(StringComparer.Ordinal));
        var index = JsonSerializer.Deserialize<EvidencePackIndex>(Read(zip, "index.json"), EvidencePackJson.Options)!;
        Assert.Equal(["prod"], index.Filters.Environments);
        Assert.Equal("cis-v8", index.Filters.Framework);
        Assert.StartsWith("key:", index.CreatedBy, StringComparison.Ordinal);
        foreach (var file in index.Files)
        {
            var content = Read(zip, file.Path);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256);
            Assert.Equal(content.Length, file.Size);
        }

        Assert.Equal(index.Files.Select(f => f.Path), pack.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), pack.GetProperty("sha256").GetString());
        var assets = await Host.AllAssetsAsync("environment=prod");
        Assert.Equal(assets.Count, index.Counts["assets"]);
        Assert.Equal(assets.Count, Encoding.UTF8.GetString(Read(zip, "inventory/assets.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var offline = await EvidencePackVerifier.VerifyAsync(new MemoryStream(zip), null, default);
        Assert.True(offline.Verified, string.Join("; ", offline.Problems));
        Assert.Equal(pack.GetProperty("signature").GetProperty("keyFingerprint").GetString(), offline.KeyFingerprint);
        var online = await engineer.FetchAsync($"/api/v1/compliance/evidence-packs/{id}/verify");
        Assert.Equal(HttpStatusCode.OK, online.Status);
        Assert.True(online.Json<EvidencePackVerification>().Verified, online.Body);

        foreach (var path in index.Files.Select(f => f.Path).Append("index.json"))
        {
            var result = await EvidencePackVerifier.VerifyAsync(new MemoryStream(FlipByte(zip, path)), null, default);
            Assert.False(result.Verified, $"{path} changed, yet the pack verifies");
            if (path == "index.json")
            {
                Assert.Contains(result.Problems, p => p.Path == "index.json.sig");
            }
            else
            {
                Assert.Equal(path, Assert.Single(result.Problems).Path);
            }
        }
    }

    [Fact]
    public async Task The_summary_pdf_renders_to_a_png_page_that_is_not_blank()
    {
        using var engineer = await Host.CreateClientAsAsync(Role.Engineer);
        var (id, _) = await CreateAsync(engineer, """{"framework":"cis-v8","from":"FROM","to":"TO"}""");
        await WaitForStoredAsync(engineer, id);
        var pdf = Read(await DownloadAsync(engineer, id), "summary.pdf");
        using var work = new TempFolder();
        var input = Path.Combine(work.Path, "summary.pdf");
        await File.WriteAllBytesAsync(input, pdf);

        await PdfToPpmAsync("-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(work.Path, "page"));
        await PdfToPpmAsync("-gray", "-r", "30", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(work.Path, "gray"));

        var png = await File.ReadAllBytesAsync(Path.Combine(work.Path, "page.png"));
        Assert.True(png.Length > 1000, $"the PNG has {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var (dark, total) = DarkPixels(await File.ReadAllBytesAsync(Path.Combine(work.Path, "gray.pgm")));
        Assert.True(dark > total / 200, $"only {dark} of {total} pixels are dark: the page is blank");
    }

    [Fact]
    public async Task Viewers_list_and_read_packs_but_neither_make_nor_download_them()
    {
        using var engineer = await Host.CreateClientAsAsync(Role.Engineer);
        using var viewer = await Host.CreateClientAsAsync(Role.Viewer);
        var (id, _) = await CreateAsync(engineer, """{"framework":"cis-v8","from":"FROM","to":"TO","environments":["staging"]}""");
        await WaitForStoredAsync(engineer, id);

        var list = await viewer.FetchAsync("/api/v1/compliance/evidence-packs");
        var create = await viewer.SendAsync(HttpMethod.Post, "/api/v1/compliance/evidence-packs", Body("""{"framework":"cis-v8","from":"FROM","to":"TO"}"""));
        var download = await viewer.FetchAsync($"/api/v1/compliance/evidence-packs/{id}/content");
        var verify = await viewer.FetchAsync($"/api/v1/compliance/evidence-packs/{id}/verify");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains(id, list.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(HttpStatusCode.Forbidden, download.Status);
        Assert.Equal(HttpStatusCode.OK, verify.Status);
        var audit = await Host.Service<IAuditReader>().QueryAsync("acme", new AuditFilter { Target = $"/api/v1/compliance/evidence-packs/{id}" }, AuditOrder.OldestFirst, 100, null, default);
        Assert.Contains(audit.Items, e => e.Action == "CreateEvidencePack" && e.Outcome == AuditOutcome.Success && e.Details["environments"] == "staging");
        Assert.Contains(audit.Items, e => e.Action == "EvidencePackStored" && e.Actor == "system");
        Assert.DoesNotContain(audit.Items, e => e.Action == "EvidencePackDownloaded");
        Assert.Equal(HttpStatusCode.OK, (await engineer.FetchAsync($"/api/v1/compliance/evidence-packs/{id}/content")).Status);
        var downloads = await Host.Service<IAuditReader>().QueryAsync("acme", new AuditFilter { Action = "EvidencePackDownloaded", Target = $"/api/v1/compliance/evidence-packs/{id}" }, AuditOrder.OldestFirst, 100, null, default);
        Assert.StartsWith("key:", Assert.Single(downloads.Items).Actor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"from":"FROM","to":"TO"}""", "framework")]
    [InlineData("""{"framework":"cis-v8","to":"TO"}""", "from")]
    [InlineData("""{"framework":"cis-v8","from":"TO","to":"FROM"}""", "to")]
    [InlineData("""{"framework":"cis-v8","from":"yesterday","to":"TO"}""", "from")]
    [InlineData("""{"framework":"cis-v8","from":"FROM","to":"TO","environments":["prod","prod"]}""", "environments")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string field)
    {
        using var engineer = await Host.CreateClientAsAsync(Role.Engineer);

        var reply = await engineer.SendAsync(HttpMethod.Post, "/api/v1/compliance/evidence-packs", Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(field, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_framework_is_a_404_and_an_unknown_pack_too()
    {
        using var engineer = await Host.CreateClientAsAsync(Role.Engineer);

        var framework = await engineer.SendAsync(HttpMethod.Post, "/api/v1/compliance/evidence-packs", Body("""{"framework":"nist-800-53","from":"FROM","to":"TO"}"""));
        var pack = await engineer.FetchAsync("/api/v1/compliance/evidence-packs/evp-nothing");

        Assert.Equal(HttpStatusCode.NotFound, framework.Status);
        Assert.Contains("nist-800-53", framework.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, pack.Status);
    }

    /// <summary>The files a prod pack must hold, from what the host holds: the fixed files, and each prod image version's SBOM and scans.</summary>
    private async Task<List<string>> ExpectedAsync()
    {
        var images = Host.Service<IImageStore>();
        var expected = new List<string>
        {
            "index.json", "index.json.sig", "signing-key.pub.pem", "controls.json", "summary.pdf", "inventory/assets.jsonl",
            "approvals/approvals.jsonl", "audit/audit-log.jsonl", "audit/chain-verification.json",
        };
        var versions = (await Host.AllAssetsAsync("environment=prod"))
            .Where(a => a.Image is not null).Select(a => $"{a.Image!.Family}@{a.Image.Version}").Distinct();
        foreach (var version in versions)
        {
            if (await images.GetVersionAsync("acme", version, default) is null)
            {
                continue;
            }

            if (await images.GetSbomAsync("acme", version, default) is not null)
            {
                expected.Add($"images/{version}/sbom.json");
            }

            if ((await images.ListScansAsync("acme", version, default)).Count > 0)
            {
                expected.Add($"images/{version}/scans.json");
            }
        }

        Assert.Contains(expected, e => e.EndsWith("sbom.json", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.EndsWith("scans.json", StringComparison.Ordinal));
        return expected;
    }

    private static string Body(string json) => json
        .Replace("FROM", TimeProvider.System.GetUtcNow().AddDays(-30).ToString("O", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("TO", TimeProvider.System.GetUtcNow().AddMinutes(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static async Task<(string Id, string? Location)> CreateAsync(HttpClient client, string json)
    {
        var reply = await client.SendAsync(HttpMethod.Post, "/api/v1/compliance/evidence-packs", Body(json));
        Assert.True(reply.Status == HttpStatusCode.Accepted, $"{(int)reply.Status} {reply.Body}");
        var id = JsonDocument.Parse(reply.Body).RootElement.GetProperty("id").GetString()!;
        return (id, reply.Response.Headers.Location?.OriginalString);
    }

    private static async Task<JsonElement> WaitForStoredAsync(HttpClient client, string id)
    {
        JsonElement pack = default;
        await Eventually.TrueAsync(async () =>
        {
            pack = JsonDocument.Parse((await client.FetchAsync($"/api/v1/compliance/evidence-packs/{id}")).Body).RootElement.Clone();
            var status = pack.GetProperty("status").GetString();
            Assert.NotEqual("failed", status);
            return status == "completed";
        }, TimeSpan.FromSeconds(60), $"evidence pack {id} to be stored");
        Assert.Equal("stored", pack.GetProperty("progress").GetProperty("step").GetString());
        return pack;
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/compliance/evidence-packs/{id}/content");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<string> Names(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static byte[] Read(byte[] zip, string path)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The pack rewritten with one byte of one file's content changed.</summary>
    private static byte[] FlipByte(byte[] zip, string path)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var content = Read(zip, entry.FullName);
                if (entry.FullName == path)
                {
                    // An empty file gains a byte; any other has one changed.
                    content = content.Length == 0 ? [(byte)'x'] : content;
                    content[content.Length / 2] ^= 0x20;
                }

                using var stream = target.CreateEntry(entry.FullName).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private static async Task PdfToPpmAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("pdftoppm is not installed: apt-get install -y poppler-utils (.ci/run installs it).", ex);
        }

        using (process)
        {
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {errors}");
        }
    }

    /// <summary>How many pixels of a binary PGM (P5, 8-bit) are darker than mid grey, of how many.</summary>
    private static (int Dark, int Total) DarkPixels(byte[] pgm)
    {
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            fields.Add(Encoding.ASCII.GetString(pgm, start, at - start));
        }

        Assert.Equal("P5", fields[0]);
        var total = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        var pixels = pgm.AsSpan(at + 1, total);
        var dark = 0;
        foreach (var pixel in pixels)
        {
            dark += pixel < 128 ? 1 : 0;
        }

        return (dark, total);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Directory.CreateTempSubdirectory("qlrf-pdf-").FullName;

        public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
    }
}
