using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Bench.Durable;
using Qlrf.Durable.Functions;
using Qlrf.Orchestration;

namespace Qlrf.Bench.DurableEngines;

/// <summary>
/// Microsoft.DurableTask's InProcessTestHost: a gRPC sidecar over DurableTask.Core's in-memory orchestration service,
/// driven by the real Worker.Grpc and Client.Grpc. Our orchestrators run on it through the Azure adapter
/// (src/Durable.Functions: <see cref="DurableTaskRunner"/>, <see cref="DurableOrchestrationContext"/>,
/// <see cref="DurableOrchestrationClient"/>), as the Functions apps run them.
/// </summary>
internal sealed class TestHostEngine : ClientEngine
{
    private readonly DurableTaskTestHost host;
    private readonly ServiceProvider services;
    private readonly int port;

    private TestHostEngine(DurableTaskTestHost host, ServiceProvider services, int port)
    {
        this.host = host;
        this.services = services;
        this.port = port;
    }

    public override string Name => "InProcessTestHost (in-memory)";

    public override IReadOnlyList<string> Settings =>
    [
        $"gRPC sidecar on localhost:{port}, logging at Warning",
        $"DOTNET_PROCESSOR_COUNT={Environment.ProcessorCount} (the sidecar's dispatchers allow that many work items in flight, then wait 500 ms)",
    ];

    public override string BoundBy => "the test host's in-memory service and its gRPC round trips in this process";

    protected override IOrchestrationClient Client { get; } = new DurableOrchestrationClient();

    protected override IDisposable Scope() => DurableClientScope.Use(host.Client);

    public static async Task<TestHostEngine> StartAsync(ILoggerFactory loggers)
    {
        // The sidecar builds its own default host, which logs every gRPC call at Information to the console whatever
        // logger factory it is given; its configuration reads environment variables when it is built.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", nameof(LogLevel.Warning));
        var registry = new OrchestrationRegistry();
        Workflows.Register(registry);
        var services = new ServiceCollection().AddSingleton(loggers).BuildServiceProvider();
        var runner = new DurableTaskRunner(Options.Create(registry), services, loggers);
        DurableTaskClient? client = null;
        var port = FreePort.Next();
        var host = await DurableTaskTestHost.StartAsync(
            tasks =>
            {
                foreach (var name in registry.Orchestrators.Keys)
                {
                    tasks.AddOrchestratorFunc<object?, object?>(name, (context, _) => runner.RunOrchestratorAsync(name, context));
                }

                foreach (var name in registry.Activities.Keys)
                {
                    tasks.AddActivityFunc<JsonElement?, object?>(name, (context, input) =>
                        runner.RunActivityAsync(name, input, context.InstanceId, client!, CancellationToken.None));
                }
            },
            new DurableTaskTestHostOptions { Port = port, LoggerFactory = loggers });
        client = host.Client;
        return new TestHostEngine(host, services, port);
    }

    public override async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
    }
}
