using System.Net;
using System.Text.Json;
using Qlrf.Drift;
using Qlrf.IntegrationTests.Support;
using Qlrf.Sandbox;

namespace Qlrf.IntegrationTests;

/// <summary>One host with the samples, changed by the tests: each test uses families or versions of its own or says what it changes.</summary>
public sealed class ImagesApiFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public EstateFile Estate { get; } = EstateFileReader.Read(HostDirectory.SampleEstate);

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();
        await Host.WaitForDriftAsync(Estate.Assets.Count);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

public sealed class ImagesApiTests(ImagesApiFixture fixture) : IClassFixture<ImagesApiFixture>
{
    private const string Ami = "ami-0123456789abcdef0";

    private QlrfHost Host => fixture.Host;

    private async Task<JsonElement> SendOkAsync(HttpMethod method, string path, string? json = null)
    {
        var (status, _, body) = await Host.SendAsync(method, path, json);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path}: {(int)status} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostFileAsync(QlrfHost host, string path, byte[] content)
    {
        using var client = host.CreateClient();
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? Detail(string problem) => JsonSerializer.Deserialize<ProblemDto>(problem, QlrfHost.Json)?.Detail;

    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(HostDirectory.SampleEstate)!, "scans", name));

    private static byte[] Document(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Documents", name));

    private async Task CreateFamilyAsync(string name, params string[] versions)
    {
        await SendOkAsync(HttpMethod.Post, "/api/v1/images/families", $$"""{"name": "{{name}}", "os": "Debian 12", "owner": "platform"}""");
        foreach (var v in versions)
        {
            await SendOkAsync(HttpMethod.Post, $"/api/v1/images/families/{name}/versions", $$$"""{"version": "{{{v}}}", "platforms": {"aws": "{{{Ami}}}"}}""");
        }
    }

    [Theory]
    [InlineData("/api/v1/images/families", """{"name": "Bad Name", "os": "x", "owner": "y"}""", HttpStatusCode.BadRequest, "name")]
    [InlineData("/api/v1/images/families", """{"name": "ok-name", "owner": "y"}""", HttpStatusCode.BadRequest, "os")]
    [InlineData("/api/v1/images/families/ubuntu-2204-base/versions", """{"version": "2026.13", "platforms": {"aws": "ami-0123456789abcdef0"}}""", HttpStatusCode.Conflict, null)]
    [InlineData("/api/v1/images/families/ubuntu-2204-base/versions", """{"version": "next", "platforms": {"aws": "ami-0123456789abcdef0"}}""", HttpStatusCode.BadRequest, "version")]
    [InlineData("/api/v1/images/families/ubuntu-2204-base/versions", """{"version": "2026.12.1", "platforms": {"aws": "ubuntu-latest"}}""", HttpStatusCode.BadRequest, "platforms.aws")]
    [InlineData("/api/v1/images/families/ubuntu-2204-base/versions", """{"version": "2026.12.1", "platforms": {"openstack": "x"}}""", HttpStatusCode.BadRequest, "platforms.openstack")]
    [InlineData("/api/v1/images/families/ubuntu-2204-base/versions", """{"version": "2026.12.1", "platforms": {"kubernetes": "sha256:abc"}}""", HttpStatusCode.BadRequest, "platforms.kubernetes")]
    [InlineData("/api/v1/images/families/ubuntu-2204-base/versions", """{"version": "2026.12.1", "platforms": {}}""", HttpStatusCode.BadRequest, "platforms")]
    [InlineData("/api/v1/images/families/debian-12/versions", """{"version": "1.0", "platforms": {"aws": "ami-0123456789abcdef0"}}""", HttpStatusCode.NotFound, null)]
    public async Task Bad_registrations_are_refused_naming_the_field(string path, string json, HttpStatusCode expected, string? field)
    {
        // 2026.13 would be new, but the family has 2026.10 and 2026.13 orders after it: it is refused only if it is a duplicate.
        if (json.Contains("2026.13", StringComparison.Ordinal))
        {
            await SendOkAsync(HttpMethod.Post, path, json.Replace("2026.13", "2026.13.0", StringComparison.Ordinal));
        }

        var (status, problem, body) = await Host.SendAsync(HttpMethod.Post, path, json);

        Assert.True(expected == status, body);
        if (field is not null)
        {
            Assert.True(problem!.Errors!.ContainsKey(field), body);
        }
    }

    [Fact]
    public async Task A_version_starts_as_draft_and_moves_forward_recording_who_when_and_why()
    {
        await CreateFamilyAsync("lifecycle-a", "1.0.0");

        var moved = await SendOkAsync(HttpMethod.Post, "/api/v1/images/lifecycle-a@1.0.0/transitions", """{"status": "testing", "reason": "smoke tests passed"}""");

        Assert.Equal("testing", moved.GetProperty("version").GetProperty("releases")[0].GetProperty("status").GetString());
        var detail = await SendOkAsync(HttpMethod.Get, "/api/v1/images/lifecycle-a@1.0.0");
        var transition = detail.GetProperty("transitions")[0];
        Assert.Equal(("draft", "testing", "smoke tests passed"),
            (transition.GetProperty("from").GetString(), transition.GetProperty("to").GetString(), transition.GetProperty("reason").GetString()));
        // The test client signs in with the host's admin key: the transition names that key.
        Assert.StartsWith("key:", transition.GetProperty("actor").GetString(), StringComparison.Ordinal);

        var (back, problem, _) = await Host.SendAsync(HttpMethod.Post, "/api/v1/images/lifecycle-a@1.0.0/transitions", """{"status": "draft", "reason": "oops"}""");
        Assert.Equal(HttpStatusCode.Conflict, back);
        Assert.Contains("rollback", problem!.Detail, StringComparison.Ordinal);
        var (noReason, reasonProblem, _) = await Host.SendAsync(HttpMethod.Post, "/api/v1/images/lifecycle-a@1.0.0/transitions", """{"status": "draft", "rollback": true}""");
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("reason", reasonProblem!.Errors!.Keys);
    }

    [Fact]
    public async Task A_skipped_stage_is_a_409_naming_the_allowed_next_states_and_a_rollback_still_moves_back()
    {
        await CreateFamilyAsync("lifecycle-skip", "1.0.0");
        const string Path = "/api/v1/images/lifecycle-skip@1.0.0/transitions";

        var (skipped, _, body) = await Host.SendAsync(HttpMethod.Post, Path, """{"status": "production", "reason": "ship it"}""");

        Assert.Equal(HttpStatusCode.Conflict, skipped);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Contains("draft → production skips testing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("The allowed next state is testing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["testing"], problem.GetProperty("allowedNextStates").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(("aws", "draft"), (problem.GetProperty("platform").GetString(), problem.GetProperty("currentState").GetString()));
        var unchanged = await SendOkAsync(HttpMethod.Get, "/api/v1/images/lifecycle-skip@1.0.0");
        Assert.Equal(0, unchanged.GetProperty("transitions").GetArrayLength());

        await SendOkAsync(HttpMethod.Post, Path, """{"status": "testing", "reason": "image tests passed"}""");
        await SendOkAsync(HttpMethod.Post, Path, """{"status": "production", "reason": "CAB-1"}""");
        var (retired, _, retiredBody) = await Host.SendAsync(HttpMethod.Post, Path, """{"status": "retired", "reason": "replaced"}""");

        Assert.Equal(HttpStatusCode.Conflict, retired);
        var retiredProblem = JsonSerializer.Deserialize<JsonElement>(retiredBody);
        Assert.Equal(["deprecated"], retiredProblem.GetProperty("allowedNextStates").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["draft", "testing"], retiredProblem.GetProperty("rollbackStates").EnumerateArray().Select(s => s.GetString()));
        var back = await SendOkAsync(HttpMethod.Post, Path, """{"status": "draft", "rollback": true, "reason": "built from the wrong commit"}""");
        Assert.Equal("draft", back.GetProperty("version").GetProperty("releases")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_promotion_re_evaluates_the_family_and_a_rollback_restores_it()
    {
        // windows-2022-base 2026.10 is production on AWS only; on Azure 2026.09 is production and one asset runs 2026.10.
        var azureAhead = fixture.Estate.Assets.Where(a => a.Image!.Family == "windows-2022-base" && a.Platform == Inventory.Platform.Azure).ToList();
        var before = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");

        await SendOkAsync(HttpMethod.Post, "/api/v1/images/windows-2022-base@2026.10/transitions", """{"status": "production", "platforms": ["azure"], "reason": "CAB-2420: KB5044281 validated"}""");

        foreach (var asset in azureAhead)
        {
            var drift = await Host.GetJsonAsync<AssetDriftDto>($"/api/v1/drift/assets/{asset.Id}");
            Assert.Equal(asset.Image!.Version == "2026.10" ? DriftStatus.Compliant : DriftStatus.Outdated, drift.Status);
            Assert.Equal("2026.10", drift.ProductionVersion);
        }

        var promoted = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");
        Assert.Equal(before.Organisation.Total, promoted.Organisation.Total);
        Assert.NotEqual(before.Organisation.Compliant, promoted.Organisation.Compliant);
        var azure = await Host.GetJsonAsync<List<FamilyDto>>("/api/v1/images/families");
        Assert.Equal("2026.10", azure.Single(f => f.Name == "windows-2022-base").Production["azure"]);

        var rolledBack = await SendOkAsync(HttpMethod.Post, "/api/v1/images/windows-2022-base@2026.10/transitions",
            """{"status": "testing", "platforms": ["azure"], "rollback": true, "reason": "RDP licensing broken on Azure"}""");

        var causes = rolledBack.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("cause").GetString()).ToList();
        Assert.Equal(["requested", "restored"], causes);
        var after = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");
        Assert.Equal((before.Organisation.Compliant, before.Organisation.Outdated, before.Organisation.Ahead), (after.Organisation.Compliant, after.Organisation.Outdated, after.Organisation.Ahead));
    }

    [Fact]
    public async Task Lineage_returns_ancestors_and_descendants_and_refuses_a_cycle()
    {
        await CreateFamilyAsync("lineage-a", "1.0", "1.1", "2.0");
        await SendOkAsync(HttpMethod.Post, "/api/v1/images/lineage-a@1.1/lineage/parents", """{"parent": "lineage-a@1.0", "relation": "patched_from"}""");
        await SendOkAsync(HttpMethod.Post, "/api/v1/images/lineage-a@2.0/lineage/parents", """{"parent": "lineage-a@1.1", "relation": "rebuilt_from"}""");
        await SendOkAsync(HttpMethod.Post, "/api/v1/images/lineage-a@1.0/lineage/parents", """{"parent": "ubuntu-2204-base@2026.10.1", "relation": "derived_from"}""");

        var (status, problem, _) = await Host.SendAsync(HttpMethod.Post, "/api/v1/images/lineage-a@1.0/lineage/parents", """{"parent": "lineage-a@2.0", "relation": "derived_from"}""");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("cycle", problem!.Detail, StringComparison.Ordinal);

        var lineage = await SendOkAsync(HttpMethod.Get, "/api/v1/images/lineage-a@1.1/lineage");
        Assert.Equal(["lineage-a@1.0", "ubuntu-2204-base@2026.10.1", "ubuntu-2204-base@2026.09.1"],
            lineage.GetProperty("ancestors").EnumerateArray().Take(3).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(["lineage-a@2.0"], lineage.GetProperty("descendants").EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        var tree = await SendOkAsync(HttpMethod.Get, "/api/v1/images/families/lineage-a/lineage-tree");
        var root = Assert.Single(tree.GetProperty("roots").EnumerateArray());
        Assert.Equal("lineage-a@1.0", root.GetProperty("id").GetString());
        Assert.Equal("ubuntu-2204-base@2026.10.1", root.GetProperty("externalParents")[0].GetProperty("parent").GetString());
        Assert.Equal("lineage-a@2.0", root.GetProperty("children")[0].GetProperty("children")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_scanner_report_that_does_not_parse_is_a_400_naming_the_format_and_position_and_nothing_is_imported()
    {
        await CreateFamilyAsync("scan-a", "1.0");
        var (ok, _) = await PostFileAsync(Host, "/api/v1/images/scan-a@1.0/vulnerabilities", Sample("ubuntu-2204-base-2026.09.1.trivy.json"));
        Assert.Equal(HttpStatusCode.OK, ok);
        var good = Sample("ubuntu-2204-base-2026.10.1.trivy.json");
        var text = System.Text.Encoding.UTF8.GetString(good);
        var lastSeverity = text.LastIndexOf("\"Severity\": \"LOW\"", StringComparison.Ordinal);
        var bad = System.Text.Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, lastSeverity), "\"Severity\": \"SEVERE\"", text.AsSpan(lastSeverity + 17)));

        var (status, body) = await PostFileAsync(Host, "/api/v1/images/scan-a@1.0/vulnerabilities?format=trivy", bad);
        var (broken, brokenBody) = await PostFileAsync(Host, "/api/v1/images/scan-a@1.0/vulnerabilities", good.AsSpan(0, 200).ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("body: Trivy JSON: $.Results[0].Vulnerabilities[1].Severity: 'SEVERE' is not a Trivy severity", Detail(body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken);
        Assert.Matches("^body: Trivy JSON: line [0-9]+, position [0-9]+: not valid JSON$", Detail(brokenBody));
        var vulnerabilities = await SendOkAsync(HttpMethod.Get, "/api/v1/images/scan-a@1.0/vulnerabilities");
        Assert.Equal(6, vulnerabilities.GetProperty("findings").GetArrayLength());
        Assert.Equal(1, vulnerabilities.GetProperty("counts").GetProperty("findings").GetProperty("critical").GetInt32());
    }

    [Fact]
    public async Task The_sample_versions_show_vulnerability_and_component_changes_between_versions()
    {
        var vulns = await SendOkAsync(HttpMethod.Get, "/api/v1/images/ubuntu-2204-base@2026.10.1/vulnerabilities/diff?against=ubuntu-2204-base@2026.09.1");
        Assert.Contains("CVE-2024-6387", vulns.GetProperty("diff").GetProperty("fixed").EnumerateArray().Select(f => f.GetProperty("id").GetString()));

        var components = await SendOkAsync(HttpMethod.Get, "/api/v1/images/ubuntu-2204-base@2026.10.1/components/diff?against=ubuntu-2204-base@2026.09.1");
        Assert.Contains("openssl", components.GetProperty("diff").GetProperty("changed").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var (missing, problem, _) = await Host.SendAsync(HttpMethod.Get, "/api/v1/images/ubuntu-2204-base@2026.10.1/components/diff");
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("against", problem!.Errors!.Keys);
    }

    [Fact]
    public async Task An_SBOM_is_imported_and_listed_and_a_bad_one_is_refused_whole()
    {
        await CreateFamilyAsync("sbom-a", "1.0");
        var (ok, summary) = await PostFileAsync(Host, "/api/v1/images/sbom-a@1.0/sbom", Sample("ubuntu-2204-base-2026.10.1.cdx.json"));
        Assert.True(ok == HttpStatusCode.OK, summary);

        var (status, body) = await PostFileAsync(Host, "/api/v1/images/sbom-a@1.0/sbom?format=spdx", """{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "x"}]}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body: SPDX JSON: $.packages[0].name: is missing", Detail(body));
        var components = await SendOkAsync(HttpMethod.Get, "/api/v1/images/sbom-a@1.0/components");
        Assert.Equal(13, components.GetProperty("components").GetArrayLength());
        Assert.Equal("cyclonedx", components.GetProperty("sbom").GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_Grype_report_of_several_megabytes_is_imported_whole()
    {
        await CreateFamilyAsync("scan-large", "1.0");
        var report = GrypeReports.Generate(matches: 1_509, vulnerabilities: 1_000, packages: 300);

        var (status, body) = await PostFileAsync(Host, "/api/v1/images/scan-large@1.0/vulnerabilities", report);

        Assert.True(report.Length > 3_500_000, $"{report.Length} bytes");
        Assert.True(status == HttpStatusCode.OK, body);
        var counts = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("counts");
        Assert.Equal(1_509, counts.GetProperty("findings").EnumerateObject().Sum(s => s.Value.GetInt32()));
        Assert.Equal(1_000, counts.GetProperty("vulnerabilities").EnumerateObject().Sum(s => s.Value.GetInt32()));
        var vulnerabilities = await SendOkAsync(HttpMethod.Get, "/api/v1/images/scan-large@1.0/vulnerabilities");
        Assert.Equal(1_509, vulnerabilities.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Counts_are_of_unique_vulnerabilities_and_of_findings_by_severity()
    {
        await CreateFamilyAsync("counts-a", "1.0");
        var report = """
            {"SchemaVersion": 2, "ArtifactName": "counts-a:1.0", "Results": [{"Target": "counts-a (debian 12.7)", "Class": "os-pkgs", "Type": "debian", "Vulnerabilities": [
              {"VulnerabilityID": "CVE-2024-5535", "PkgName": "openssl", "InstalledVersion": "3.0.13-1~deb12u1", "FixedVersion": "3.0.14-1~deb12u1", "Severity": "CRITICAL"},
              {"VulnerabilityID": "CVE-2024-5535", "PkgName": "libssl3", "InstalledVersion": "3.0.13-1~deb12u1", "FixedVersion": "3.0.14-1~deb12u1", "Severity": "CRITICAL"},
              {"VulnerabilityID": "CVE-2024-2511", "PkgName": "libssl3", "InstalledVersion": "3.0.13-1~deb12u1", "Severity": "LOW"}]}]}
            """u8.ToArray();

        var (status, body) = await PostFileAsync(Host, "/api/v1/images/counts-a@1.0/vulnerabilities", report);
        var vulnerabilities = await SendOkAsync(HttpMethod.Get, "/api/v1/images/counts-a@1.0/vulnerabilities");
        var detail = await SendOkAsync(HttpMethod.Get, "/api/v1/images/counts-a@1.0");
        var (_, _, openApi) = await Host.SendAsync(HttpMethod.Get, "/openapi/v1.json");

        Assert.True(status == HttpStatusCode.OK, body);
        foreach (var counts in new[] { JsonSerializer.Deserialize<JsonElement>(body).GetProperty("counts"), vulnerabilities.GetProperty("counts"), detail.GetProperty("counts") })
        {
            Assert.Equal((1, 1), (counts.GetProperty("vulnerabilities").GetProperty("critical").GetInt32(), counts.GetProperty("vulnerabilities").GetProperty("low").GetInt32()));
            Assert.Equal((2, 1), (counts.GetProperty("findings").GetProperty("critical").GetInt32(), counts.GetProperty("findings").GetProperty("low").GetInt32()));
        }

        var schema = JsonSerializer.Deserialize<JsonElement>(openApi).GetProperty("components").GetProperty("schemas").GetProperty("SeverityCounts").GetProperty("properties");
        Assert.StartsWith("Unique vulnerabilities by severity", schema.GetProperty("vulnerabilities").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Findings (vulnerability × package) by severity", schema.GetProperty("findings").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cyclonedx-1.2.json", "1.2", 3)]
    [InlineData("cyclonedx-1.3.json", "1.3", 4)]
    [InlineData("cyclonedx-1.4.json", "1.4", 3)]
    [InlineData("cyclonedx-1.5.json", "1.5", 4)]
    [InlineData("cyclonedx-1.6.json", "1.6", 3)]
    [InlineData("cyclonedx-1.7.json", "1.7", 4)]
    [InlineData("spdx-2.2.json", "SPDX-2.2", 3)]
    [InlineData("spdx-2.3.json", "SPDX-2.3", 4)]
    public async Task SBOMs_of_every_supported_spec_version_are_imported(string file, string spec, int components)
    {
        var family = "sbom-" + Path.GetFileNameWithoutExtension(file).Replace(".", "-", StringComparison.Ordinal);
        await CreateFamilyAsync(family, "1.0");

        var (status, body) = await PostFileAsync(Host, $"/api/v1/images/{family}@1.0/sbom", Document(file));

        Assert.True(status == HttpStatusCode.OK, body);
        var summary = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((spec, components), (summary.GetProperty("specVersion").GetString(), summary.GetProperty("componentCount").GetInt32()));
    }

    [Fact]
    public async Task The_package_an_SPDX_document_describes_is_listed_with_its_version_and_purl()
    {
        await CreateFamilyAsync("sbom-described", "1.0");
        var (status, body) = await PostFileAsync(Host, "/api/v1/images/sbom-described@1.0/sbom", Document("spdx-2.3.json"));
        Assert.True(status == HttpStatusCode.OK, body);

        var components = await SendOkAsync(HttpMethod.Get, "/api/v1/images/sbom-described@1.0/components");

        Assert.Equal("nginx", components.GetProperty("sbom").GetProperty("subject").GetString());
        var nginx = components.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "nginx");
        Assert.Equal(("1.22.1-9+deb12u1", "pkg:deb/debian/nginx@1.22.1-9%2Bdeb12u1?arch=amd64&distro=debian-12"),
            (nginx.GetProperty("version").GetString(), nginx.GetProperty("purl").GetString()));
    }

    [Fact]
    public async Task Builds_record_provenance_and_deployments_come_from_the_inventory()
    {
        await CreateFamilyAsync("build-a", "1.0");
        await SendOkAsync(HttpMethod.Post, "/api/v1/images/build-a@1.0/builds", """
            {"builder": "github-actions/packer", "sourceRepository": "https://git.acme.example/images", "commit": "abc123",
             "startedAt": "2026-11-01T10:00:00Z", "finishedAt": "2026-11-01T10:40:00Z",
             "provenance": {"buildType": "https://slsa.dev/provenance/v1", "builder": {"id": "https://ci.acme.example"}}}
            """);
        var builds = await SendOkAsync(HttpMethod.Get, "/api/v1/images/build-a@1.0/builds");
        Assert.Equal("https://ci.acme.example", builds[0].GetProperty("provenance").GetProperty("builder").GetProperty("id").GetString());

        var expected = fixture.Estate.Assets.Where(a => a.Image is { Family: "ubuntu-2204-base", Version: "2026.10.1" }).Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        var running = new List<string>();
        string? cursor = null;
        do
        {
            var page = await SendOkAsync(HttpMethod.Get, "/api/v1/images/ubuntu-2204-base@2026.10.1/deployments?limit=50" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            running.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assetId").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);
        Assert.Equal(expected, running);
    }

    [Fact]
    public async Task Thresholds_are_set_per_organisation_and_change_the_RAG()
    {
        var (bad, problem, _) = await Host.SendAsync(HttpMethod.Put, "/api/v1/drift/thresholds", """{"redBelow": 95, "amberBelow": 90}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("redBelow", problem!.Errors!.Keys);

        await SendOkAsync(HttpMethod.Put, "/api/v1/drift/thresholds", """{"redBelow": 10, "amberBelow": 20}""");
        try
        {
            var report = await Host.GetJsonAsync<DriftReportDto>("/api/v1/drift");
            Assert.Equal(new RagThresholds(10, 20), report.Thresholds);
            Assert.Equal(RagStatus.Green, report.Organisation.Rag);
        }
        finally
        {
            await SendOkAsync(HttpMethod.Put, "/api/v1/drift/thresholds", """{"redBelow": 70, "amberBelow": 90}""");
        }
    }

    [Fact]
    public async Task Trends_compare_week_over_week_from_daily_and_on_demand_snapshots()
    {
        var store = Host.Service<IDriftStore>();
        var now = Host.Service<TimeProvider>().GetUtcNow();
        var weekAgo = now.AddDays(-7);
        await store.SaveSnapshotAsync(new DriftSnapshot("acme", "daily-test-week-ago", weekAgo, SnapshotTrigger.Daily,
        [
            new SnapshotRow(DriftGroup.Organisation, new DriftSummary { Total = 300, Compliant = 150, Outdated = 150, Ahead = 0, Unknown = 0, CoveragePercent = 50 }),
            new SnapshotRow(new DriftGroup(DriftDimension.Environment, "prod", string.Empty), new DriftSummary { Total = 180, Compliant = 90, Outdated = 90, Ahead = 0, Unknown = 0, CoveragePercent = 50 }),
        ]), default);

        var snapshot = await SendOkAsync(HttpMethod.Post, "/api/v1/drift/snapshots");
        var trends = await SendOkAsync(HttpMethod.Get, $"/api/v1/drift/trends?from={weekAgo.AddDays(-1):yyyy-MM-dd}&groupBy=environment");

        Assert.Equal("on_demand", snapshot.GetProperty("trigger").GetString());
        var prod = trends.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("environment").GetString() == "prod");
        Assert.True(prod.GetProperty("points").GetArrayLength() >= 2);
        var wow = prod.GetProperty("weekOverWeek");
        var current = prod.GetProperty("points").EnumerateArray().Last();
        Assert.Equal(current.GetProperty("compliant").GetInt64() - 90, wow.GetProperty("compliantChange").GetInt64());

        var (status, problem, _) = await Host.SendAsync(HttpMethod.Get, "/api/v1/drift/trends?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("from", problem!.Errors!.Keys);
        var (grouping, groupingProblem, _) = await Host.SendAsync(HttpMethod.Get, "/api/v1/drift/trends?groupBy=region");
        Assert.Equal(HttpStatusCode.BadRequest, grouping);
        Assert.Contains("groupBy", groupingProblem!.Errors!.Keys);
    }
}
