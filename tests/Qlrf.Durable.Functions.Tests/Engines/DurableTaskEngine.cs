using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DurableTaskClient = Microsoft.DurableTask.Client.DurableTaskClient;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Functions.Tests.Engines;

/// <summary>
/// Microsoft.DurableTask's own worker and client (InProcessTestHost: a gRPC sidecar over an in-memory orchestration
/// service), each orchestrator and activity registered as the Functions app's triggers do: forwarded to
/// <see cref="DurableTaskRunner"/>, which runs ours on the adapter's context; the tests drive it through the adapter's
/// <see cref="DurableOrchestrationClient"/>.
/// </summary>
public sealed class DurableTaskEngine : IEngine
{
    private readonly DurableTaskTestHost host;
    private readonly ServiceProvider services;
    private readonly DurableOrchestrationClient client = new();

    private DurableTaskEngine(DurableTaskTestHost host, ServiceProvider services)
    {
        this.host = host;
        this.services = services;
    }

    public string Name => "Durable Task's worker (InProcessTestHost) through the adapter";

    public static async Task<IEngine> StartAsync(Action<OrchestrationRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddOptions<OrchestrationRegistry>().Configure(register);
        collection.AddSingleton<DurableTaskRunner>();
        var services = collection.BuildServiceProvider();
        var registry = services.GetRequiredService<IOptions<OrchestrationRegistry>>().Value;
        var runner = services.GetRequiredService<DurableTaskRunner>();
        DurableTaskClient? durableClient = null;
        var host = await DurableTaskTestHost.StartAsync(
            tasks =>
            {
                foreach (var name in registry.Orchestrators.Keys)
                {
                    tasks.AddOrchestratorFunc<JsonElement?, object?>(name, (context, _) => runner.RunOrchestratorAsync(name, context));
                }

                foreach (var name in registry.Activities.Keys)
                {
                    tasks.AddActivityFunc<JsonElement?, object?>(name, (context, input) =>
                        runner.RunActivityAsync(name, input, context.InstanceId, durableClient!, CancellationToken.None));
                }
            },
            new DurableTaskTestHostOptions
            {
                Port = FreePort(),
                LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
                ConfigureServices = worker =>
                {
                    // As the Functions app does (AddDurableFunctionsRuntime): payloads as our JSON.
                    worker.ConfigureAll<Microsoft.DurableTask.Worker.DurableTaskWorkerOptions>(o => o.DataConverter = QlrfDataConverter.Instance);
                    worker.ConfigureAll<Microsoft.DurableTask.Client.DurableTaskClientOptions>(o => o.DataConverter = QlrfDataConverter.Instance);
                },
            });
        durableClient = host.Client;
        return new DurableTaskEngine(host, services);
    }

    public async Task<string> StartAsync(string orchestrator, object? input)
    {
        using (DurableClientScope.Use(host.Client))
        {
            return await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        }
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload)
    {
        using (DurableClientScope.Use(host.Client))
        {
            await client.RaiseEventAsync(instanceId, eventName, payload);
        }
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using (DurableClientScope.Use(host.Client))
        {
            return await Patience.WaitAsync(client, instanceId, Name);
        }
    }

    public async Task<string> DescribeAsync(string instanceId)
    {
        using (DurableClientScope.Use(host.Client))
        {
            return await Patience.DescribeAsync(client, instanceId, Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class DurableTaskEngineFactory : IEngineFactory
{
    public Task<IEngine> StartAsync(Action<OrchestrationRegistry> register) => DurableTaskEngine.StartAsync(register);
}
