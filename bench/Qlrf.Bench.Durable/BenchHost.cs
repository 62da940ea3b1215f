using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Durable;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.Durable;

/// <summary>A host running the embedded runtime on a fresh SQLite file, the way the local host runs it.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost host;

    private BenchHost(IHost host, string directory)
    {
        this.host = host;
        Directory = directory;
    }

    public string Directory { get; }

    public IOrchestrationClient Client => host.Services.GetRequiredService<IOrchestrationClient>();

    public SqliteDatabase Database => host.Services.GetRequiredService<SqliteDatabase>();

    public static async Task<BenchHost> StartAsync(Action<OrchestrationRegistry> register, Action<SqliteDatabase>? seed = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "qlrf-bench-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db");
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddSqliteStore();
        builder.AddEmbeddedDurableRuntime(register);
        var host = builder.Build();
        seed?.Invoke(host.Services.GetRequiredService<SqliteDatabase>());
        await host.StartAsync();
        return new BenchHost(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
