using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Api;
using Qlrf.Api.Infrastructure;
using Qlrf.IntegrationTests.Support;
using Qlrf.Orchestration;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

/// <summary>The admin endpoints for orchestration instances, through the real local host with the embedded runtime.</summary>
public sealed class OrchestrationAdminTests : IDisposable
{
    private readonly HostDirectory directory = new();
    private readonly QlrfHost factory;

    public OrchestrationAdminTests() =>
        factory = new QlrfHost(
            directory,
            new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" },
            s => s.AddOrchestrationTasks(r => r
                .AddOrchestrator<string, string>("Hello", (_, name) => Task.FromResult("hello " + name))
                .AddOrchestrator<object?, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"))));

    [Fact]
    public async Task An_admin_sees_an_instance_with_its_history_then_purges_it()
    {
        using var http = factory.CreateClient();
        var client = factory.Services.GetRequiredService<OrchestrationTenancy>().For("acme");
        var id = await client.ScheduleAsync("Hello", "ops", "hello-1");
        await client.WaitForCompletionAsync(id);

        var shown = await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orchestrations/{id}");

        Assert.Equal("completed", shown.GetProperty("status").GetString());
        Assert.Equal("hello ops", shown.GetProperty("output").GetString());
        Assert.Equal(4, shown.GetProperty("history").GetProperty("eventCount").GetInt32());
        Assert.Equal("orchestrator_started", shown.GetProperty("history").GetProperty("recentEvents")[0].GetProperty("eventType").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/v1/admin/orchestrations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/admin/orchestrations/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_terminates_a_running_instance_and_cannot_purge_it_before()
    {
        using var http = factory.CreateClient();
        var client = factory.Services.GetRequiredService<OrchestrationTenancy>().For("acme");
        var id = await client.ScheduleAsync("Waiter", null, "waiter-1");

        var purgeLive = await http.DeleteAsync($"/api/v1/admin/orchestrations/{id}");
        var terminate = await http.PostAsJsonAsync($"/api/v1/admin/orchestrations/{id}/terminate", new { reason = "stuck", recursive = true });
        var state = await client.WaitForCompletionAsync(id, getInputsAndOutputs: true);
        var again = await http.PostAsJsonAsync($"/api/v1/admin/orchestrations/{id}/terminate", new { reason = "stuck" });

        Assert.Equal(HttpStatusCode.Conflict, purgeLive.StatusCode);
        Assert.Equal("application/problem+json", purgeLive.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal("stuck", state.ReadOutputAs<string>());
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/v1/admin/orchestrations/missing/terminate", new { })).StatusCode);
    }

    [Fact]
    public async Task An_admin_reaches_only_the_instances_of_their_own_organisation()
    {
        using var acme = factory.CreateClient();
        using var globex = await factory.CreateClientAsAsync(Role.Admin, Access.OtherOrganisation);
        var tenancy = factory.Services.GetRequiredService<OrchestrationTenancy>();
        await tenancy.For(Access.OtherOrganisation).ScheduleAsync("Waiter", null, "globex-waiter");
        var raw = factory.Services.GetRequiredService<IOrchestrationClient>();
        await raw.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("unowned"));

        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync("/api/v1/admin/orchestrations/globex-waiter")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.PostAsJsonAsync("/api/v1/admin/orchestrations/globex-waiter/terminate", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync("/api/v1/admin/orchestrations/unowned")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/api/v1/admin/orchestrations/{Uri.EscapeDataString("globex:globex-waiter")}")).StatusCode);
        var own = await globex.GetFromJsonAsync<JsonElement>("/api/v1/admin/orchestrations/globex-waiter");
        Assert.Equal(("globex-waiter", "running"), (own.GetProperty("instanceId").GetString(), own.GetProperty("status").GetString()));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await raw.GetInstanceAsync("globex:globex-waiter"))!.RuntimeStatus);
    }

    [Fact]
    public void Every_admin_orchestration_endpoint_needs_the_administer_runtime_permission()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/v1/admin/orchestrations", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Equal(3, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(Permission.AdministerRuntime, e.Metadata.GetMetadata<RequiresPermission>()?.Permission));
        Assert.Equal("administer:runtime", PermissionNames.Of(Permission.AdministerRuntime));
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == Routes.AdminOrchestrationTerminate);
    }

    public void Dispose()
    {
        factory.Dispose();
        directory.Dispose();
    }
}
