using System.Net;
using System.Text;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests;

/// <summary>Import routes take files up to their own limit (set to 2 MiB here), while every other route keeps the 1 MB one.</summary>
public sealed class ImportLimitTests : IAsyncLifetime
{
    private const int ImportLimit = 2 * 1024 * 1024;
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
            ["Qlrf:Api:Limits:MaxImportBodyBytes"] = ImportLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var admin = host.CreateClient();
        await admin.SendAsync(HttpMethod.Post, "/api/v1/images/families", """{"name": "import-a", "os": "Debian 12", "owner": "platform"}""");
        await admin.SendAsync(HttpMethod.Post, "/api/v1/images/families/import-a/versions", """{"version": "1.0", "platforms": {"aws": "ami-0123456789abcdef0"}}""");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Imports_take_files_up_to_their_own_limit_and_other_routes_keep_theirs()
    {
        using var admin = host.CreateClient();
        var within = GrypeReports.Generate(matches: 600, vulnerabilities: 400, packages: 150);
        var over = GrypeReports.Generate(matches: 1_000, vulnerabilities: 600, packages: 200);
        var bom = CycloneDx(components: 9_000);

        var scan = await PostAsync(admin, "/api/v1/images/import-a@1.0/vulnerabilities", within, declared: true);
        var sbom = await PostAsync(admin, "/api/v1/images/import-a@1.0/sbom", bom, declared: false);
        var tooLarge = await PostAsync(admin, "/api/v1/images/import-a@1.0/vulnerabilities", over, declared: true);
        var tooLargeChunked = await PostAsync(admin, "/api/v1/images/import-a@1.0/vulnerabilities", over, declared: false);
        var elsewhere = await PostAsync(admin, "/api/v1/rbac/bindings", Encoding.UTF8.GetBytes(new string(' ', 1_048_577)), declared: true);

        Assert.InRange(within.Length, 1_048_577, ImportLimit);
        Assert.InRange(bom.Length, 1_048_577, ImportLimit);
        Assert.True(over.Length > ImportLimit, $"{over.Length} bytes");
        Assert.True(scan.Status == HttpStatusCode.OK, scan.Body);
        Assert.True(sbom.Status == HttpStatusCode.OK, sbom.Body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeChunked.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsewhere.Status);
        var vulnerabilities = await admin.FetchAsync("/api/v1/images/import-a@1.0/vulnerabilities");
        Assert.Contains("\"findings\"", vulnerabilities.Body, StringComparison.Ordinal);
        Assert.Equal(600, System.Text.Json.JsonDocument.Parse(vulnerabilities.Body).RootElement.GetProperty("findings").GetArrayLength());
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string path, byte[] content, bool declared)
    {
        using HttpContent body = declared ? new ByteArrayContent(content) : new StreamContent(new NonSeekableStream(content));
        body.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(path, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] CycloneDx(int components)
    {
        var json = new StringBuilder("""{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [""");
        for (var i = 0; i < components; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(System.Globalization.CultureInfo.InvariantCulture,
                $$$"""{"bom-ref": "pkg:npm/package-{{{i}}}@1.0.{{{i}}}", "type": "library", "name": "package-{{{i}}}", "version": "1.0.{{{i}}}", "licenses": [{"license": {"id": "MIT"}}], "purl": "pkg:npm/package-{{{i}}}@1.0.{{{i}}}"}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
