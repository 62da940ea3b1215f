using System.Text.Json;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.Cli.Tests;

/// <summary>The read commands: their JSON output is the API's answer, and their tables show it.</summary>
public sealed class ReadCommandTests(CliHost fixture) : IClassFixture<CliHost>
{
    private CliRunner Cli => fixture.Cli;

    private async Task<JsonElement> ApiAsync(string path) => (await fixture.Host.CreateClient().FetchAsync(path)).Json<JsonElement>();

    private async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await Cli.RunAsync(fixture.Admin, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static void Same(JsonElement expected, JsonElement actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(actual.GetRawText())),
            $"expected {expected.GetRawText()}\nactual {actual.GetRawText()}");

    private static List<string?> Ids(IEnumerable<JsonElement> items, string field = "id") => items.Select(i => i.GetProperty(field).GetString()).ToList();

    [Fact]
    public async Task Assets_list_holds_every_asset_of_the_filter_and_show_gives_the_asset_with_its_history()
    {
        var listed = (await OkAsync("assets", "list", "--environment", "prod", "--platform", "aws", "-o", "json")).Json;
        var expected = await fixture.Host.AllAssetsAsync("environment=prod&platform=aws");
        var id = expected[0].Id;
        var shown = (await OkAsync("assets", "show", id, "-o", "json")).Json;
        var table = await OkAsync("assets", "list", "--environment", "prod", "--limit", "5");
        var yaml = await OkAsync("assets", "show", id, "-o", "yaml");

        Assert.Equal(expected.Select(a => a.Id).Order(), Ids(listed.EnumerateArray()).Order());
        Assert.Equal(id, shown.GetProperty("asset").GetProperty("id").GetString());
        Assert.NotEmpty(shown.GetProperty("history").EnumerateArray());
        Assert.Equal(5 + 2, table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Trim().Length > 0));
        Assert.Contains($"id: {id}", yaml.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_are_the_apis_sites()
    {
        var sites = (await OkAsync("sites", "-o", "json")).Json;

        Assert.Equal(Ids((await ApiAsync("/api/v1/sites")).EnumerateArray(), "name"), Ids(sites.EnumerateArray(), "name"));
    }

    [Fact]
    public async Task Sweep_with_wait_runs_a_sweep_to_its_end_and_reports_it()
    {
        var run = (await OkAsync("sweep", "--source", "sandbox", "--wait", "-o", "json")).Json;
        var stored = await ApiAsync("/api/v1/discovery/runs/" + run.GetProperty("id").GetString());

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("succeeded", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Drift_summary_heatmap_trends_and_export_are_the_apis()
    {
        var summary = (await OkAsync("drift", "summary", "-o", "json")).Json;
        var heatmap = (await OkAsync("drift", "heatmap", "-o", "json")).Json;
        var heatmapTable = await OkAsync("drift", "heatmap");
        var trends = await OkAsync("drift", "trends", "-o", "json");
        var csv = await OkAsync("drift", "export", "--csv");
        using var admin = fixture.Host.CreateClient();
        var apiCsv = await admin.GetStringAsync("/api/v1/drift/outdated/export");

        var api = await ApiAsync("/api/v1/drift");
        Same(api.GetProperty("organisation"), summary.GetProperty("organisation"));
        Same((await ApiAsync("/api/v1/drift/heatmap")).GetProperty("rows"), heatmap.GetProperty("rows"));
        foreach (var row in heatmap.GetProperty("rows").EnumerateArray())
        {
            Assert.Contains(row.GetProperty("site").GetString()!, heatmapTable.Out, StringComparison.Ordinal);
        }

        Assert.Matches("(RED|AMBER|GREEN) [0-9.]+% of [0-9]+", heatmapTable.Out);
        Assert.Equal(JsonValueKind.Array, trends.Json.GetProperty("series").ValueKind);
        Assert.Equal(apiCsv, csv.Out);
        Assert.Equal(2, (await Cli.RunAsync(fixture.Admin, "drift", "export")).ExitCode);
    }

    [Fact]
    public async Task Images_list_show_lineage_and_vulns_are_the_apis()
    {
        const string version = "ubuntu-2204-base@2026.10.1";
        var families = (await OkAsync("images", "list", "-o", "json")).Json;
        var family = (await OkAsync("images", "show", "ubuntu-2204-base", "-o", "json")).Json;
        var shown = (await OkAsync("images", "show", version, "-o", "json")).Json;
        var lineage = (await OkAsync("images", "lineage", version, "-o", "json")).Json;
        var vulns = (await OkAsync("images", "vulns", version, "-o", "json")).Json;

        Assert.Equal(Ids((await ApiAsync("/api/v1/images/families")).EnumerateArray(), "name"), Ids(families.EnumerateArray(), "name"));
        Same((await ApiAsync("/api/v1/images/families/ubuntu-2204-base")), family);
        Assert.Equal(version, shown.GetProperty("version").GetProperty("id").GetString());
        Same((await ApiAsync($"/api/v1/images/{version}/lineage")), lineage);
        Same((await ApiAsync($"/api/v1/images/{version}/vulnerabilities")).GetProperty("counts"), vulns.GetProperty("counts"));
    }

    [Fact]
    public async Task Dr_pairs_readiness_and_a_dry_run_drill_with_its_report()
    {
        using var admin = fixture.Host.CreateClient();
        await admin.CreatePairAsync(DrCalls.PairJson("cli-pair"));

        var pairs = (await OkAsync("dr", "pairs", "-o", "json")).Json;
        var readiness = (await OkAsync("dr", "readiness", "-o", "json")).Json;
        var one = (await OkAsync("dr", "readiness", "cli-pair", "-o", "json")).Json;
        var drill = (await OkAsync("dr", "drill", "start", "cli-pair", "--dry-run", "--wait", "-o", "json")).Json;
        var id = drill.GetProperty("id").GetString()!;
        var watched = await OkAsync("dr", "drill", "watch", id);
        var report = (await OkAsync("dr", "drill", "report", id, "-o", "json")).Json;
        var markdown = await OkAsync("dr", "drill", "report", id, "--markdown");

        Assert.Contains("cli-pair", Ids(pairs.EnumerateArray()));
        Assert.Contains("cli-pair", Ids(readiness.GetProperty("pairs").EnumerateArray(), "pairId"));
        Assert.Equal("cli-pair", one.GetProperty("pairId").GetString());
        Assert.Equal("passed", drill.GetProperty("status").GetString());
        Assert.Contains($"Drill {id} passed", watched.Out, StringComparison.Ordinal);
        Same((await ApiAsync($"/api/v1/dr/drills/{id}/report")), report);
        Assert.Equal(await admin.GetStringAsync($"/api/v1/dr/drills/{id}/report?format=markdown"), markdown.Out);
        Assert.StartsWith("#", markdown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_query_verify_and_export_as_json_lines()
    {
        await OkAsync("sweep", "--source", "sandbox", "--wait");

        var query = (await OkAsync("audit", "query", "--action", "StartSweep", "-o", "json")).Json;
        var verify = (await OkAsync("audit", "verify", "-o", "json")).Json;
        var export = await OkAsync("audit", "export", "--action", "StartSweep");
        var file = Path.Combine(fixture.Directory.Path, "audit.jsonl");
        await OkAsync("audit", "export", "--file", file);

        Assert.NotEmpty(query.EnumerateArray());
        Assert.All(query.EnumerateArray(), e => Assert.Equal("StartSweep", e.GetProperty("action").GetString()));
        Assert.True(verify.GetProperty("verified").GetBoolean());
        var lines = export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(query.GetArrayLength(), lines.Length);
        Assert.All(lines, l => Assert.Equal("StartSweep", JsonSerializer.Deserialize<JsonElement>(l).GetProperty("action").GetString()));
        Assert.True(File.ReadAllLines(file).Length >= lines.Length);
    }
}
