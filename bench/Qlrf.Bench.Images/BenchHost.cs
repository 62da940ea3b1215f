using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Channels;
using Qlrf.Connectors;
using Qlrf.Durable;
using Qlrf.Api;
using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Workflows;
using Qlrf.Workflows.Rollouts;
using Qlrf.Host;
using Qlrf.Identity.ApiKeys;
using Qlrf.Sandbox;
using Qlrf.Security;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.Images;

/// <summary>
/// The local host as <c>src/Host/Program.cs</c> builds it, on a fresh SQLite file, listening on a loopback port, with
/// no sample images and no start-up sweep; the client signs in with an engineer's API key (engineers manage images).
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private BenchHost(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<BenchHost> StartAsync(string directory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db"),
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
            ["Qlrf:Images:SampleFile"] = "",
            ["Qlrf:Identity:Bootstrap:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.AddLocalHostDefaults();
        builder.AddSqliteStore();
        builder.AddSandboxPlatform();
        builder.AddNotificationChannels();
        builder.AddSampleImages();
        builder.AddCloudConnectors();
        builder.AddDiscovery();
        builder.AddDrift();
        builder.AddEmbeddedDurableRuntime();
        builder.AddWorkflowCore();
        builder.AddRollouts();
        builder.AddQlrfApi();
        builder.AddLocalTriggers();

        var app = builder.Build();
        app.MapQlrfApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync("acme", "bench-images", Role.Engineer, RoleScope.Organisation, null, "system", CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        return new BenchHost(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
