using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Host.Bootstrap;

namespace Qlrf.Ui.Tests;

/// <summary>
/// The real local host (Program) on Kestrel at a free loopback port, on a store and a copy of the sample estate of
/// its own, so a browser can reach it: it serves the Control Tower at <c>/</c> and the API beside it. It prints its
/// bootstrap admin key on first start, as <c>dotnet run</c> does, and the tests sign in with that.
/// </summary>
public sealed partial class UiHost : WebApplicationFactory<Program>
{
    private readonly StringWriter console = new();
    private readonly Dictionary<string, string?> settings;

    /// <param name="uiPath">Where the built UI is; by default the repository's build output.</param>
    /// <param name="overrides">Settings of this host's own (an OIDC issuer to trust), over the defaults here.</param>
    public UiHost(string? uiPath = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        Directory.CreateDirectory(DataDirectory);
        File.Copy(Path.Combine(RepositoryRoot, "samples", "estate.yaml"), Path.Combine(DataDirectory, "estate.yaml"));
        settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Qlrf:Store:Path"] = Path.Combine(DataDirectory, "qlrf.db"),
            ["Qlrf:Discovery:Sources:sandbox:Kind"] = "sandbox",
            ["Qlrf:Discovery:Sources:sandbox:EstateFile"] = Path.Combine(DataDirectory, "estate.yaml"),
            ["Qlrf:Ui:Path"] = uiPath ?? Path.Combine(RepositoryRoot, "ui", "control-tower", "dist"),
            // Slow enough image changes that a rollout is seen in progress; DR timings of seconds, not minutes.
            ["Qlrf:Sandbox:ApplyLatency"] = "00:00:00.700",
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
            ["Qlrf:Dr:PollInterval"] = "00:00:00.100",
            ["Qlrf:Sandbox:Dr:Defaults:SyncDuration"] = "00:00:00.200",
            ["Qlrf:Sandbox:Dr:Defaults:FailoverDuration"] = "00:00:01",
            ["Qlrf:Sandbox:Dr:Defaults:WarmUp"] = "00:00:01",
            ["Qlrf:Sandbox:Dr:Defaults:FailbackDuration"] = "00:00:00.200",
            ["Qlrf:Sandbox:Dr:Defaults:LagAfterSync"] = "00:00:02",
            ["Qlrf:Api:RateLimits:PerCallerPermitLimit"] = "1000000",
            ["Qlrf:Api:RateLimits:PerOrganisationPermitLimit"] = "10000000",
            ["Qlrf:Api:RateLimits:AnonymousPermitLimit"] = "1000000",
            // The sample PKI (its shop-web certificate expires in 5 days); a copilot task follows what it proposed every second.
            ["Qlrf:Sandbox:Certificates:File"] = Path.Combine(RepositoryRoot, "samples", "certificates.yaml"),
            ["Qlrf:Ai:FollowInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        UseKestrel();
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "qlrf-ui-" + Guid.NewGuid().ToString("N"));

    /// <summary>The address the browser opens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The admin key the host printed on its first start.</summary>
    public string BootstrapKey { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        BootstrapKey = KeyText().Match(console.ToString()).Value;
        Assert.False(string.IsNullOrEmpty(BootstrapKey), $"the host printed no bootstrap key: {console}");
    }

    /// <summary>A client of the API at <see cref="Address"/> sending <paramref name="key"/>.</summary>
    public HttpClient Api(string key)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<string> CreateKeyAsync(string role, string name)
    {
        using var admin = Api(BootstrapKey);
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name, role });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating a {role} key: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["key"]!.GetValue<string>();
    }

    public async Task<JsonNode> GetAsync(string key, string path)
    {
        using var client = Api(key);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(s => s.AddSingleton(new BootstrapConsole(TextWriter.Synchronized(console))));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            console.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ui", "control-tower", "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ui/control-tower above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("qlrf_[a-z0-9-]+_k[a-z2-7]{20}_[a-z2-7]{52}")]
    private static partial Regex KeyText();
}
