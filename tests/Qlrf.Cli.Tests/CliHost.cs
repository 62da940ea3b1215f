using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.Cli.Tests;

/// <summary>One host for the command tests: the sandbox estate swept, drift computed, DR timings shortened; an admin and an engineer key.</summary>
public sealed class CliHost : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public string Admin { get; private set; } = null!;

    public string Engineer { get; private set; } = null!;

    public string ConfigDirectory { get; } = Path.Combine(Path.GetTempPath(), "qlrf-cli-" + Guid.NewGuid().ToString("N"));

    public CliRunner Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(DrHost.Settings) { ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050" };
        Host = new QlrfHost(Directory, settings);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForDriftAsync(316);
        Admin = Host.AdminKey;
        Engineer = (await Host.CreateKeyAsync(Role.Engineer, name: "cli-engineer")).Token;
        Cli = new CliRunner(Host, ConfigDirectory);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
        if (System.IO.Directory.Exists(ConfigDirectory))
        {
            System.IO.Directory.Delete(ConfigDirectory, recursive: true);
        }
    }
}
