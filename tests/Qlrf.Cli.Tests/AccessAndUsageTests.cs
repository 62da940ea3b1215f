using Qlrf.IntegrationTests.Support;

namespace Qlrf.Cli.Tests;

/// <summary>Signing in, the profile, and the exit codes of auth, not-found and usage errors.</summary>
public sealed class AccessAndUsageTests(CliHost fixture) : IClassFixture<CliHost>
{
    private CliRunner Cli => fixture.Cli;

    [Fact]
    public async Task Login_reads_the_key_from_standard_input_stores_it_owner_only_and_whoami_signs_in_with_it()
    {
        var profile = new CliRunner(fixture.Host, Path.Combine(fixture.ConfigDirectory, "login-" + Guid.NewGuid().ToString("N")));

        var login = await profile.RunWithInputAsync(null, fixture.Engineer + "\n", "login", "--api-key-stdin", "--url", "http://localhost/");
        var whoami = await profile.RunAsync(null, "whoami", "-o", "json");
        var me = await fixture.Host.CreateClientWith(fixture.Engineer).FetchAsync("/api/v1/rbac/me");

        Assert.True(login.ExitCode == 0, login.ToString());
        var file = Path.Combine(profile.ConfigDirectory, "config.json");
        Assert.Contains(fixture.Engineer, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.DoesNotContain(fixture.Engineer, login.Out + login.Error, StringComparison.Ordinal);
        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Equal(me.Json<System.Text.Json.JsonElement>().GetProperty("actor").GetString(), whoami.Json.GetProperty("actor").GetString());
        Assert.Equal("acme", whoami.Json.GetProperty("organisation").GetString());
    }

    [Fact]
    public async Task Login_without_a_terminal_or_stdin_key_is_a_usage_error_and_a_key_is_never_an_argument()
    {
        var noKey = await Cli.RunAsync(null, "login");
        var asArgument = await Cli.RunAsync(null, "login", "--api-key", fixture.Admin);

        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("--api-key-stdin", noKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, asArgument.ExitCode);
    }

    [Fact]
    public async Task Without_a_sign_in_a_command_exits_3_and_says_how_to_log_in()
    {
        var result = await new CliRunner(fixture.Host, Path.Combine(fixture.ConfigDirectory, "empty")).RunAsync(null, "assets", "list");
        var wrongKey = await Cli.RunAsync("qlrf_acme_nokey_nosecret", "whoami");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("(401)", result.Error, StringComparison.Ordinal);
        Assert.Contains("qlrf login", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.Equal(3, wrongKey.ExitCode);
        Assert.Contains("qlrf login", wrongKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_does_not_exist_exits_4_with_the_problem_in_one_line_and_verbose_shows_the_request_id()
    {
        var asset = await Cli.RunAsync(fixture.Admin, "assets", "show", "no-such-asset", "--verbose");
        var rollout = await Cli.RunAsync(fixture.Admin, "rollout", "explain", "ro-acme-nothing");

        Assert.Equal(4, asset.ExitCode);
        Assert.Contains("error: Not found. (404)", asset.Error, StringComparison.Ordinal);
        Assert.Contains("There is no asset 'no-such-asset'.", asset.Error, StringComparison.Ordinal);
        Assert.Matches("request id: 00-[0-9a-f]{32}-[0-9a-f]{16}-01", asset.Error);
        Assert.DoesNotContain("   at ", asset.Error, StringComparison.Ordinal);
        Assert.Equal(4, rollout.ExitCode);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("assets", "show")]
    [InlineData("assets", "list", "--output", "xml")]
    [InlineData("rollout", "plan")]
    [InlineData("rollout", "cancel", "ro-acme-x")]
    [InlineData("completion", "fish")]
    public async Task A_wrong_command_line_exits_2(params string[] args)
    {
        var result = await Cli.RunAsync(fixture.Admin, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_scripts_ask_qlrf_for_suggestions_and_the_suggest_directive_answers_with_commands()
    {
        var bash = await Cli.RunAsync(null, "completion", "bash");
        var zsh = await Cli.RunAsync(null, "completion", "zsh");
        var pwsh = await Cli.RunAsync(null, "completion", "pwsh");
        var suggestions = await Cli.RunAsync(null, "[suggest:3]", "rol");
        var subcommands = await Cli.RunAsync(null, "[suggest:8]", "rollout ");

        Assert.All(new[] { bash, zsh, pwsh }, r => Assert.Contains("[suggest:", r.Out, StringComparison.Ordinal));
        Assert.Contains("complete -o default -F _qlrf_complete qlrf", bash.Out, StringComparison.Ordinal);
        Assert.Contains("compdef _qlrf qlrf", zsh.Out, StringComparison.Ordinal);
        Assert.Contains("Register-ArgumentCompleter -Native -CommandName qlrf", pwsh.Out, StringComparison.Ordinal);
        Assert.Contains("rollout", suggestions.Out.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Contains("watch", subcommands.Out.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Contains("explain", subcommands.Out.Split('\n', StringSplitOptions.TrimEntries));
    }
}
