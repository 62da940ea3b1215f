using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Qlrf.IntegrationTests.Support;
using Qlrf.Orchestration;
using Qlrf.Triggers;

namespace Qlrf.IntegrationTests.FunctionsApps;

/// <summary>
/// The three Functions apps as built: each app's generated <c>functions.metadata</c> holds exactly its own functions,
/// and together they are every entry point the local host registers (its route table, <see cref="OrchestrationRegistry"/>,
/// <see cref="TimerFunctionRegistry"/>, <see cref="QueueFunctionRegistry"/>), each in exactly one app, of its kind.
/// </summary>
public sealed class FunctionsAppsTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public Task InitializeAsync()
    {
        host = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        host.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public void Every_function_the_local_host_registers_is_a_function_of_exactly_one_app_of_its_kind()
    {
        var entryPoints = EntryPoints();
        var functions = FunctionsMetadata.ReadAll();

        var problems = FunctionsCoverage.Problems(entryPoints, functions);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems));
        Assert.Equal(entryPoints.Count, functions.Count);
        foreach (var kind in Enum.GetValues<TriggerKind>())
        {
            Assert.Contains(functions, f => f.Kind == kind);
        }
    }

    [Fact]
    public void Each_app_runs_only_its_own_kinds_of_function()
    {
        var byApp = FunctionsMetadata.ReadAll().GroupBy(f => f.App).ToDictionary(g => g.Key, g => g.Select(f => f.Kind).ToHashSet());

        Assert.Equal([TriggerKind.Http], byApp["Functions.Api"]);
        Assert.Equal([TriggerKind.Timer, TriggerKind.Queue], byApp["Functions.Discovery"].Order());
        Assert.Equal([TriggerKind.Timer, TriggerKind.Orchestrator, TriggerKind.Activity], byApp["Functions.Orchestration"].Order());
    }

    [Fact]
    public void The_queue_trigger_binds_the_asset_change_queue_through_its_identity_connection()
    {
        var queue = Assert.Single(FunctionsMetadata.ReadAll(), f => f.Kind == TriggerKind.Queue);

        Assert.Equal((Qlrf.Messaging.StorageQueues.StorageQueueAssetChanges.QueueSetting, Qlrf.Messaging.StorageQueues.StorageQueueAssetChanges.Connection), (queue.Setting, queue.Connection));
    }

    [Fact]
    public void A_function_missing_from_every_app_or_in_the_wrong_app_or_on_the_wrong_route_fails_the_check()
    {
        var entryPoints = EntryPoints()
            .Append(new EntryPoint("UnwiredOrchestrator", TriggerKind.Orchestrator, new HashSet<string>(), null, null))
            .ToList();
        var functions = FunctionsMetadata.ReadAll()
            .Select(f => f.Name switch
            {
                "ListAssetsAsync" => f with { Route = "api/v1/sites", Methods = new HashSet<string> { "post" } },
                "RunDueSweepsAsync" => f with { Setting = "SWEEPS" },
                _ when f.Kind == TriggerKind.Activity && f.Name == entryPoints.First(e => e.Kind == TriggerKind.Activity).Name => f with { App = "Functions.Api" },
                _ => f,
            })
            .Append(new AppFunction("Functions.Orchestration", "GoneActivity", TriggerKind.Activity, new HashSet<string>(), null, null, null))
            .ToList();

        var problems = FunctionsCoverage.Problems(entryPoints, functions);

        Assert.Contains(problems, p => p.StartsWith("orchestrator UnwiredOrchestrator is a function of no app. Add to Functions.Orchestration", StringComparison.Ordinal)
            && p.Contains("[OrchestrationTrigger] TaskOrchestrationContext context", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("binds route 'api/v1/sites', but the endpoint's is 'api/v1/assets'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("binds methods post, but the endpoint takes get", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("binds %SWEEPS%, but it is registered on %QLRF_SWEEP_SCHEDULE%", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("which Functions.Orchestration runs, not Functions.Api", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Activity function GoneActivity is nothing the local host registers", StringComparison.Ordinal));
    }

    [Fact]
    public void The_metadata_reader_reads_each_trigger_the_worker_sdk_writes()
    {
        const string Json = """
            [
              {"name":"GetAssetAsync","scriptFile":"Qlrf.Functions.Api.dll","bindings":[
                {"name":"request","direction":"In","type":"httpTrigger","authLevel":"Anonymous","methods":["get"],"route":"api/v1/assets/{*id}"},
                {"name":"$return","type":"http","direction":"Out"}]},
              {"name":"RunDueSweepsAsync","bindings":[{"name":"timer","direction":"In","type":"timerTrigger","schedule":"%QLRF_SWEEP_SCHEDULE%"}]},
              {"name":"ApplyAsync","bindings":[{"name":"message","direction":"In","type":"queueTrigger","queueName":"%QLRF_ASSET_CHANGES_QUEUE%","connection":"AssetChangesQueue"}]},
              {"name":"RolloutOrchestrator","bindings":[{"name":"context","direction":"In","type":"orchestrationTrigger"}]},
              {"name":"PlanRolloutActivity","bindings":[{"name":"input","direction":"In","type":"activityTrigger"},{"name":"durable","direction":"In","type":"durableClient"}]}
            ]
            """;

        var functions = FunctionsMetadata.Read("App", Json).Select(f => (f.Name, f.Kind, string.Join(",", f.Methods), f.Route, f.Setting, f.Connection));

        Assert.Equal(
            [
                ("GetAssetAsync", TriggerKind.Http, "get", "api/v1/assets/{*id}", null, null),
                ("RunDueSweepsAsync", TriggerKind.Timer, "", null, "QLRF_SWEEP_SCHEDULE", null),
                ("ApplyAsync", TriggerKind.Queue, "", null, "QLRF_ASSET_CHANGES_QUEUE", "AssetChangesQueue"),
                ("RolloutOrchestrator", TriggerKind.Orchestrator, "", null, null, null),
                ("PlanRolloutActivity", TriggerKind.Activity, "", null, null, null),
            ],
            functions);
        Assert.ThrowsAny<JsonException>(() => FunctionsMetadata.Read("App", "not json"));
    }

    private List<EntryPoint> EntryPoints()
    {
        var entryPoints = new List<EntryPoint>();
        foreach (var endpoint in host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                ?? throw new InvalidOperationException($"The endpoint {endpoint.RoutePattern.RawText} has no name (WithName), which its Azure function takes.");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => m.ToLowerInvariant()).ToHashSet() ?? [];
            entryPoints.Add(new EntryPoint(name, TriggerKind.Http, methods, endpoint.RoutePattern.RawText?.Trim('/'), null));
        }

        var orchestrations = host.Service<IOptions<OrchestrationRegistry>>().Value;
        entryPoints.AddRange(orchestrations.Orchestrators.Keys.Select(n => new EntryPoint(n, TriggerKind.Orchestrator, new HashSet<string>(), null, null)));
        entryPoints.AddRange(orchestrations.Activities.Keys.Select(n => new EntryPoint(n, TriggerKind.Activity, new HashSet<string>(), null, null)));
        entryPoints.AddRange(host.Service<IOptions<TimerFunctionRegistry>>().Value.Timers.Values
            .Select(t => new EntryPoint(t.Name, TriggerKind.Timer, new HashSet<string>(), null, t.ScheduleSetting)));
        entryPoints.AddRange(host.Service<IOptions<QueueFunctionRegistry>>().Value.Queues.Values
            .Select(q => new EntryPoint(q.Name, TriggerKind.Queue, new HashSet<string>(), null, q.QueueSetting)));
        return entryPoints;
    }
}
