using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qlrf.Channels;
using Qlrf.Connectors;
using Qlrf.Durable;
using Qlrf.Execution;
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

namespace Qlrf.Bench.Rollouts;

/// <summary>
/// The local host as <c>src/Host/Program.cs</c> builds it, on a fresh SQLite file and the benchmark's estate, listening
/// on a loopback port, with the sandbox executor wrapped by <see cref="FirstActionProbe"/>. Clients sign in with API keys
/// made through the issuer: the requester and an approver (a requester cannot approve their own rollout).
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private BenchHost(WebApplication app, string directory, HttpClient requester, HttpClient approver)
    {
        this.app = app;
        Directory = directory;
        Requester = requester;
        Approver = approver;
    }

    public string Directory { get; }

    public HttpClient Requester { get; }

    public HttpClient Approver { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<BenchHost> StartAsync(string directory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db"),
            ["Qlrf:Discovery:Sources:sandbox:Kind"] = "sandbox",
            ["Qlrf:Discovery:Sources:sandbox:EstateFile"] = Path.Combine(directory, "estate.yaml"),
            ["Qlrf:Discovery:Sources:sandbox:Schedule"] = "0 0 0 1 1 *",
            ["Qlrf:Images:SampleFile"] = Path.Combine(directory, "images.yaml"),
            ["Qlrf:Identity:Bootstrap:Enabled"] = "false",
            ["Qlrf:Api:RateLimits:PerCallerPermitLimit"] = "1000000",
            ["Qlrf:Api:RateLimits:PerOrganisationPermitLimit"] = "10000000",
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
        builder.Services.RemoveAll<IPlatformExecutor>();
        builder.Services.AddSingleton<SandboxExecutor>();
        builder.Services.AddSingleton<IPlatformExecutor>(sp => new FirstActionProbe(sp.GetRequiredService<SandboxExecutor>()));
        BackgroundLoad.Register(builder.Services);

        var app = builder.Build();
        app.MapQlrfApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var issuer = app.Services.GetRequiredService<ApiKeyIssuer>();
        return new BenchHost(
            app,
            directory,
            await ClientAsync(issuer, address, "bench-requester"),
            await ClientAsync(issuer, address, "bench-approver"));
    }

    public async ValueTask DisposeAsync()
    {
        Requester.Dispose();
        Approver.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<HttpClient> ClientAsync(ApiKeyIssuer issuer, string address, string name)
    {
        var key = await issuer.IssueAsync("acme", name, Role.Engineer, RoleScope.Organisation, null, "system", CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        return client;
    }
}
