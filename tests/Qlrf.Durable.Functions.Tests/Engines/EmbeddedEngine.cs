using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Durable.Functions.Tests.Engines;

/// <summary>The embedded runtime (what the local host runs) on a SQLite file in a temporary directory.</summary>
public sealed class EmbeddedEngine : IEngine
{
    private readonly IHost host;
    private readonly string directory;

    private EmbeddedEngine(IHost host, string directory)
    {
        this.host = host;
        this.directory = directory;
    }

    public string Name => "the embedded runtime";

    private IOrchestrationClient Client => host.Services.GetRequiredService<IOrchestrationClient>();

    public static async Task<IEngine> StartAsync(Action<OrchestrationRegistry> register)
    {
        var directory = Path.Combine(Path.GetTempPath(), "qlrf-engines-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSqliteStore();
        builder.AddEmbeddedDurableRuntime(register);
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedEngine(host, directory);
    }

    public Task<string> StartAsync(string orchestrator, object? input) => Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload) => Client.RaiseEventAsync(instanceId, eventName, payload);

    public Task<OrchestrationMetadata> WaitAsync(string instanceId) => Patience.WaitAsync(Client, instanceId, Name);

    public Task<string> DescribeAsync(string instanceId) => Patience.DescribeAsync(Client, instanceId, Name);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class EmbeddedEngineFactory : IEngineFactory
{
    public Task<IEngine> StartAsync(Action<OrchestrationRegistry> register) => EmbeddedEngine.StartAsync(register);
}
