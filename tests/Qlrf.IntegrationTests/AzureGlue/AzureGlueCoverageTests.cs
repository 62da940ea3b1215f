using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Qlrf.Functions.Api;
using Qlrf.IntegrationTests.Support;
using Qlrf.Orchestration;
using Qlrf.Triggers;

namespace Qlrf.IntegrationTests.AzureGlue;

/// <summary>
/// Keeps the Azure glue in step with the functions: every entry point the local host registers (its route table,
/// <see cref="OrchestrationRegistry"/>, <see cref="TimerFunctionRegistry"/>, <see cref="QueueFunctionRegistry"/>) has
/// exactly one forwarder of the right kind in an <c>Azure/</c> file, and no forwarder is left without one.
/// </summary>
public sealed class AzureGlueCoverageTests : IAsyncLifetime
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
    public void Every_function_the_local_host_registers_has_exactly_one_Azure_forwarder_of_its_kind()
    {
        var entryPoints = EntryPoints();
        var forwarders = Forwarders();

        var problems = GlueCoverage.Problems(entryPoints, forwarders);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems));
        Assert.Contains(entryPoints, e => e.Kind == TriggerKind.Http);
        Assert.Contains(entryPoints, e => e.Kind == TriggerKind.Activity);
        Assert.Contains(entryPoints, e => e.Kind == TriggerKind.Timer);
        Assert.Contains(entryPoints, e => e.Kind == TriggerKind.Queue);
    }

    [Fact]
    public void A_function_added_without_glue_fails_the_check_with_the_forwarder_to_add()
    {
        var entryPoints = EntryPoints()
            .Append(new EntryPoint("UnwiredOrchestrator", TriggerKind.Orchestrator, new HashSet<string>(), null, null))
            .Append(new EntryPoint("ListUnwiredAsync", TriggerKind.Http, new HashSet<string> { "get" }, "api/v1/unwired", null))
            .ToList();

        var problems = GlueCoverage.Problems(entryPoints, Forwarders());

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("orchestrator UnwiredOrchestrator has no Azure glue", StringComparison.Ordinal)
            && p.Contains("[OrchestrationTrigger] TaskOrchestrationContext context", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("HTTP GET /api/v1/unwired (ListUnwiredAsync) has no Azure glue", StringComparison.Ordinal));
    }

    [Fact]
    public void A_forwarder_on_the_wrong_route_method_or_setting_or_with_no_function_behind_it_fails_the_check()
    {
        const string Glue = """
            [Function(nameof(AssetsFunctions.ListAssetsAsync))]
            public Task<IActionResult> ListAssetsAsync(
                [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Sites)] HttpRequest request,
                [DurableClient] DurableTaskClient durable) =>
                api.ForwardAsync(request, durable);

            [Function(nameof(SweepFunctions.RunDueSweepsAsync))]
            public Task RunDueSweepsAsync([TimerTrigger("%SWEEPS%")] TimerInfo timer, CancellationToken cancellationToken) =>
                timers.RunAsync(nameof(SweepFunctions.RunDueSweepsAsync), timer, cancellationToken);

            [Function(nameof(GoneActivity))]
            public Task<object?> GoneActivity([ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
                runner.RunActivityAsync(nameof(GoneActivity), input, instanceId, durable, cancellationToken);
            """;
        var forwarders = GlueParser.Parse("Test", "Test.cs", Glue, typeof(Routes));
        var entryPoints = EntryPoints().Where(e => e.Name is "ListAssetsAsync" or "RunDueSweepsAsync").ToList();

        var problems = GlueCoverage.Problems(entryPoints, forwarders);

        Assert.Contains(problems, p => p.Contains("binds route 'api/v1/sites', but the endpoint's is 'api/v1/assets'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("binds methods post, but the endpoint takes get", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("binds %SWEEPS%, but it is registered on %QLRF_SWEEP_SCHEDULE%", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Activity function GoneActivity forwards to nothing the local host registers", StringComparison.Ordinal));
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

    private static List<GlueForwarder> Forwarders()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var forwarders = new List<GlueForwarder>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("Azure") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(src, file);
            var app = relative.Split(Path.DirectorySeparatorChar)[0];
            forwarders.AddRange(GlueParser.Parse(app, relative, File.ReadAllText(file), typeof(Routes)));
        }

        return forwarders;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qlrf.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("The repository root (Qlrf.sln) was not found.");
    }
}
