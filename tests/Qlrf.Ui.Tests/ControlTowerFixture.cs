using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Qlrf.Ui.Tests;

/// <summary>
/// One host for the browser tests (the sandbox estate swept, drift computed), an engineer and a viewer key besides
/// the bootstrap admin key, and Debian's Chromium driven by Playwright (no browser is downloaded).
/// </summary>
public sealed class ControlTowerFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; <c>QLRF_CHROMIUM</c> may name another.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("QLRF_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public UiHost Host { get; } = new();

    public string Engineer { get; private set; } = null!;

    public string Viewer { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where each test's screenshot goes.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Path.Combine(UiHost.RepositoryRoot, "ui", "control-tower", "dist", "index.html")),
            "the Control Tower is not built (building src/Host builds it when Node.js is installed)");
        Assert.True(File.Exists(ChromiumPath), $"no Chromium at {ChromiumPath} (apt-get install chromium)");
        Host.Start();
        await WaitAsync(async () => (await Host.GetAsync(Host.BootstrapKey, "/api/v1/drift"))["organisation"]!["total"]!.GetValue<int>() == 316,
            "drift to cover the sample estate");
        Engineer = await Host.CreateKeyAsync("engineer", "ui-engineer");
        Viewer = await Host.CreateKeyAsync("viewer", "ui-viewer");
        Directory.CreateDirectory(Screenshots);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Polls a condition of background work (a sweep, a rollout); for waiting, never for asserting speed.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for {what}.");
            }
        }
    }

    public Task<JsonNode> GetAsync(string path) => Host.GetAsync(Host.BootstrapKey, path);
}
