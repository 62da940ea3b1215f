using System.Text.Json;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.Cli.Tests;

/// <summary>Commands that change things: image lifecycle and imports, and rollouts from dry run to completion.</summary>
public sealed class ChangeCommandTests(CliHost fixture) : IClassFixture<CliHost>
{
    private const string Target = "ubuntu-2204-base@2026.10.1";

    private CliRunner Cli => fixture.Cli;

    private async Task<CliResult> OkAsync(string key, params string[] args)
    {
        var result = await Cli.RunAsync(key, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private async Task<JsonElement> ApiAsync(string path) => (await fixture.Host.CreateClient().FetchAsync(path)).Json<JsonElement>();

    [Fact]
    public async Task Images_promote_and_rollback_move_the_lifecycle_a_skipped_stage_is_refused_and_import_uploads_a_report()
    {
        using var admin = fixture.Host.CreateClient();
        await admin.SendAsync(HttpMethod.Post, "/api/v1/images/families", """{"name":"cli-base","os":"Debian 12","owner":"platform"}""");
        await admin.SendAsync(HttpMethod.Post, "/api/v1/images/families/cli-base/versions", """{"version":"1.0.0","platforms":{"aws":"ami-0123456789abcdef0"}}""");
        var report = Path.Combine(HostDirectory.SampleEstate[..^"estate.yaml".Length], "scans", "ubuntu-2204-base-2026.10.1.trivy.json");

        var skipped = await Cli.RunAsync(fixture.Admin, "images", "promote", "cli-base@1.0.0", "--to", "production", "--reason", "skip");
        var promoted = (await OkAsync(fixture.Admin, "images", "promote", "cli-base@1.0.0", "--to", "testing", "--reason", "smoke tests passed", "-o", "json")).Json;
        var rolledBack = (await OkAsync(fixture.Admin, "images", "rollback", "cli-base@1.0.0", "--to", "draft", "--reason", "bad build", "-o", "json")).Json;
        var imported = await OkAsync(fixture.Admin, "images", "import", report, "--image", "cli-base@1.0.0", "--format", "trivy");
        var badFormat = await Cli.RunAsync(fixture.Admin, "images", "import", report, "--image", "cli-base@1.0.0", "--format", "zip");

        Assert.Equal(1, skipped.ExitCode);
        Assert.Contains("(409)", skipped.Error, StringComparison.Ordinal);
        Assert.Equal("testing", promoted.GetProperty("version").GetProperty("releases")[0].GetProperty("status").GetString());
        Assert.Equal("draft", rolledBack.GetProperty("version").GetProperty("releases")[0].GetProperty("status").GetString());
        Assert.Contains("Imported ubuntu-2204-base-2026.10.1.trivy.json (trivy) into cli-base@1.0.0", imported.Out, StringComparison.Ordinal);
        var counts = (await ApiAsync("/api/v1/images/cli-base@1.0.0/vulnerabilities")).GetProperty("scans");
        Assert.NotEmpty(counts.EnumerateArray());
        Assert.Equal(2, badFormat.ExitCode);
    }

    [Fact]
    public async Task Rollout_plan_is_a_dry_run_of_the_plan_the_rollout_then_gets_and_a_policy_breaking_plan_exits_1()
    {
        var before = (await ApiAsync("/api/v1/rollouts")).GetProperty("items").GetArrayLength();

        var plan = (await OkAsync(fixture.Engineer, "rollout", "plan", "--target", Target, "--environment", "staging", "--canary-count", "1", "--waves", "50,100", "-o", "json")).Json;
        var table = await OkAsync(fixture.Engineer, "rollout", "plan", "--target", Target, "--environment", "staging", "--canary-count", "1", "--waves", "50,100");
        var breaking = await Cli.RunAsync(fixture.Engineer, "rollout", "plan", "--target", Target, "--environment", "prod", "--canary-count", "0", "--waves", "100", "-o", "json");

        Assert.Equal(before, (await ApiAsync("/api/v1/rollouts")).GetProperty("items").GetArrayLength());
        Assert.Equal("canary", plan.GetProperty("plan")[0].GetProperty("name").GetString());
        Assert.Equal(plan.GetProperty("assetCount").GetInt32(), plan.GetProperty("explanation").GetProperty("assets").GetArrayLength());
        Assert.Equal(8, plan.GetProperty("risk").GetProperty("contributions").GetArrayLength());
        Assert.Contains("nothing was started", table.Out, StringComparison.Ordinal);
        Assert.Contains("environment_criticality", table.Out, StringComparison.Ordinal);
        Assert.Contains("prod-requires-canary", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, breaking.ExitCode);
        Assert.Contains(breaking.Json.GetProperty("policy").GetProperty("violations").EnumerateArray(), v => v.GetProperty("ruleId").GetString() == "prod-requires-canary");
    }

    [Fact]
    public async Task A_rollout_started_waits_for_approval_watch_times_out_with_5_and_after_approval_follows_it_to_completion()
    {
        var started = (await OkAsync(fixture.Admin, "rollout", "start", "--target", Target, "--environment", "dev", "--canary-count", "1",
            "--waves", "50,100", "--batch-size", "4", "--wait-between-waves", "00:00:00", "-o", "json")).Json;
        var id = started.GetProperty("id").GetString()!;
        await fixture.Host.WaitForStatusAsync(id, Qlrf.Rollouts.RolloutStatus.AwaitingApproval);

        var timedOut = await Cli.RunAsync(fixture.Admin, "rollout", "watch", id, "--timeout", "00:00:00.300");
        var explained = (await OkAsync(fixture.Admin, "rollout", "explain", id, "-o", "json")).Json;
        var approved = await OkAsync(fixture.Engineer, "rollout", "approve", id, "--comment", "canary plan checked");
        var watched = await OkAsync(fixture.Admin, "rollout", "watch", id, "--timeout", "00:02:00");
        var again = await Cli.RunAsync(fixture.Engineer, "rollout", "approve", id, "--comment", "late");
        var shown = (await OkAsync(fixture.Admin, "rollout", "show", id, "-o", "json")).Json;
        var listed = (await OkAsync(fixture.Admin, "rollout", "list", "-o", "json")).Json;

        Assert.Equal(5, timedOut.ExitCode);
        Assert.Contains("awaiting_approval | canary 0/1 | wave 1", timedOut.Out, StringComparison.Ordinal);
        Assert.True(explained.GetProperty("planned").GetBoolean());
        Assert.All(explained.GetProperty("explanation").GetProperty("assets").EnumerateArray(), a => Assert.Equal("dev", a.GetProperty("environment").GetString()));
        Assert.Contains("Approved rollout", approved.Out, StringComparison.Ordinal);
        var lines = watched.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("completed | canary 1/1 | wave 1 ", StringComparison.Ordinal));
        Assert.Contains($"Rollout {id} completed", watched.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("completed", shown.GetProperty("rollout").GetProperty("status").GetString());
        Assert.Equal(shown.GetProperty("rollout").GetProperty("progress").GetProperty("total").GetInt32(), shown.GetProperty("rollout").GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Pause_resume_reject_and_cancel_reach_the_rollout_and_watch_exits_1_when_it_does_not_complete()
    {
        var id = (await OkAsync(fixture.Admin, "rollout", "start", "--target", Target, "--environment", "staging", "-o", "json")).Json.GetProperty("id").GetString()!;
        await fixture.Host.WaitForStatusAsync(id, Qlrf.Rollouts.RolloutStatus.AwaitingApproval);

        var paused = (await OkAsync(fixture.Admin, "rollout", "pause", id, "--reason", "change freeze", "-o", "json")).Json;
        var resumed = await OkAsync(fixture.Admin, "rollout", "resume", id);
        var unconfirmed = await Cli.RunAsync(fixture.Engineer, "rollout", "reject", id, "--comment", "not now");
        var rejected = await OkAsync(fixture.Engineer, "rollout", "reject", id, "--comment", "not now", "--yes");
        var watched = await Cli.RunAsync(fixture.Admin, "rollout", "watch", id, "--timeout", "00:01:00");
        var cancelled = await Cli.RunAsync(fixture.Admin, "rollout", "cancel", id, "--yes");

        Assert.Equal(id, paused.GetProperty("id").GetString());
        Assert.Contains("resume requested", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("Rejected rollout", rejected.Out, StringComparison.Ordinal);
        Assert.Equal(1, watched.ExitCode);
        Assert.Contains("rejected", watched.Out, StringComparison.Ordinal);
        Assert.Equal(1, cancelled.ExitCode);
        Assert.Contains("(409)", cancelled.Error, StringComparison.Ordinal);
    }
}
