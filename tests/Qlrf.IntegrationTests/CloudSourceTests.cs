using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;

namespace Qlrf.IntegrationTests;

/// <summary>The cloud connectors inside the real host: their settings are checked at start-up, and a source sweeps into the inventory.</summary>
public sealed class CloudSourceTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("aws", "Regions:0", "Ireland")]
    [InlineData("azure", "Subscriptions:0", "acme-prod")]
    [InlineData("gcp", "Projects:0", "Acme Prod")]
    [InlineData("vsphere", "Vcenters:0:Url", "vcenter-lon")]
    [InlineData("kubernetes", "Clusters:0:Kubeconfig", "/nowhere/kubeconfig")]
    public async Task A_bad_connector_setting_fails_start_up_naming_the_setting(string kind, string setting, string value)
    {
        var host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:cloud:Kind"] = kind,
            [$"Qlrf:Discovery:Sources:cloud:{setting}"] = value,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains($"Qlrf:Discovery:Sources:cloud:{setting}", ex.Message, StringComparison.Ordinal);
        try
        {
            await host.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
        }
    }

    [Fact]
    public async Task A_gcp_source_sweeps_into_the_inventory_and_shows_in_readyz()
    {
        await using var compute = await LoopbackComputeAsync();
        var token = "QLRF_IT_GCP_TOKEN_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(token, "ya29.integration");
        await using var host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
            ["Qlrf:Discovery:Sources:gcp-prod:Kind"] = "gcp",
            ["Qlrf:Discovery:Sources:gcp-prod:Projects:0"] = "acme-prod",
            ["Qlrf:Discovery:Sources:gcp-prod:Endpoint"] = compute.Urls.First() + "/compute/v1/",
            ["Qlrf:Discovery:Sources:gcp-prod:Credentials:AccessTokenVariable"] = token,
        });

        var run = await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();

        Assert.Equal((SweepStatus.Succeeded, "gcp-prod", 1), (run.Status, run.Source, run.Counts.Added));
        var asset = Assert.Single(await host.AllAssetsAsync());
        Assert.Equal(("//compute.googleapis.com/projects/acme-prod/zones/europe-west1-b/instances/web-1", Platform.Gcp, "gcp-acme-prod-europe-west1"), (asset.Id, asset.Platform, asset.Site));
        var (_, _, ready) = await host.SendAsync(HttpMethod.Get, "/readyz");
        Assert.Contains("\"name\":\"gcp-prod\",\"kind\":\"gcp\",\"lastSweep\":\"succeeded\"", ready, StringComparison.Ordinal);
        Assert.Empty(host.Logs.WarningsAndErrors);
    }

    /// <summary>A Compute Engine API on a loopback port with one instance and no disks.</summary>
    private static async Task<WebApplication> LoopbackComputeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = "application/json";
            switch (context.Request.Path.Value)
            {
                case "/compute/v1/projects/acme-prod/aggregated/disks":
                    await context.Response.WriteAsync("""{"items":{}}""");
                    break;
                case "/compute/v1/projects/acme-prod/aggregated/instances":
                    await context.Response.WriteAsync("""
                        {"items":{"zones/europe-west1-b":{"instances":[{"id":"1","name":"web-1","status":"RUNNING",
                        "zone":"https://www.googleapis.com/compute/v1/projects/acme-prod/zones/europe-west1-b","labels":{"environment":"prod"}}]}}}
                        """);
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        });
        await app.StartAsync();
        return app;
    }
}
