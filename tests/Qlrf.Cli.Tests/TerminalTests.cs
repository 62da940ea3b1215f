using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Qlrf.Api.Rollouts;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.Cli.Tests;

/// <summary>
/// The built <c>qlrf</c> under a real pseudo-terminal (a tmux pane) against a host listening on a loopback port:
/// <c>rollout watch</c> draws a progress bar per wave and the screen shows them filling until the rollout completes.
/// </summary>
public sealed class TerminalTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private readonly string session = "qlrf-cli-test-" + Guid.NewGuid().ToString("N")[..8];
    private QlrfHost host = null!;
    private int port;

    public async Task InitializeAsync()
    {
        port = FreePort();
        host = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050" });
        host.UseKestrel(port);
        host.StartServer();
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
    }

    public async Task DisposeAsync()
    {
        await Tmux("kill-session", "-t", session);
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Rollout_watch_on_a_terminal_shows_each_waves_progress_until_the_rollout_completes()
    {
        Assert.True(File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux"), "tmux is needed for the terminal test (apt-get install tmux)");
        using var admin = host.CreateClient();
        const string request = """
            { "target": { "imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1" }, "scope": { "environments": ["staging"] },
              "strategy": { "canaryCount": 1, "waves": [50, 100], "batchSize": 2, "waitBetweenWaves": "00:00:01" } }
            """;
        var id = await admin.StartedRolloutAsync(request);
        await host.WaitForStatusAsync(id, RolloutStatus.AwaitingApproval);
        var config = Path.Combine(directory.Path, "cli");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var cli = Path.Combine(AppContext.BaseDirectory, "qlrf.dll");

        await Tmux("new-session", "-d", "-s", session, "-x", "110", "-y", "20",
            "-e", $"QLRF_API_KEY={host.AdminKey}", "-e", $"QLRF_CONFIG_DIR={config}", "-e", "TERM=xterm-256color",
            $"'{dotnet}' '{cli}' rollout watch {id} --url http://127.0.0.1:{port} --timeout 00:03:00; echo \"exit=$?\"; sleep 600");
        var waiting = await ScreenAsync(s => s.Contains("awaiting_approval", StringComparison.Ordinal) && s.Contains("wave 2 0/", StringComparison.Ordinal), "the plan's waves");
        using var engineer = host.CreateClientWith((await host.CreateKeyAsync(Role.Engineer, name: "tty-approver")).Token);
        Assert.Equal(HttpStatusCode.OK, (await engineer.DecideRolloutAsync(id, "approve")).Status);
        var done = await ScreenAsync(s => s.Contains("exit=", StringComparison.Ordinal), "the watch to end");

        var detail = await host.RolloutAsync(id);
        Assert.Equal(RolloutStatus.Completed, detail.Rollout.Status);
        Assert.Contains("canary 0/1", waiting, StringComparison.Ordinal);
        Assert.Contains("━", waiting, StringComparison.Ordinal);
        foreach (var stage in detail.Plan)
        {
            Assert.Contains($"{stage.Name} {stage.AssetCount}/{stage.AssetCount}", done, StringComparison.Ordinal);
        }

        Assert.Contains("100%", done, StringComparison.Ordinal);
        Assert.Contains($"Rollout {id} completed", done.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("exit=0", done, StringComparison.Ordinal);
    }

    /// <summary>Reads the pane until <paramref name="shows"/> holds (waiting for the rollout, not asserting speed).</summary>
    private async Task<string> ScreenAsync(Func<string, bool> shows, string what)
    {
        var screen = string.Empty;
        await Eventually.TrueAsync(async () => shows(screen = await Tmux("capture-pane", "-p", "-t", session)), TimeSpan.FromMinutes(3), $"{what} on the screen; last screen:\n{screen}");
        return screen;
    }

    private static async Task<string> Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
