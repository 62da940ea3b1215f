using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Bench.Durable;
using Qlrf.Durable;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.DurableEngines;

/// <summary>The embedded runtime (src/Durable.Embedded) on a fresh SQLite file in a temp folder, as the local host runs it.</summary>
internal sealed class EmbeddedEngine : ClientEngine
{
    private readonly IHost host;
    private readonly string directory;

    private EmbeddedEngine(IHost host, string directory)
    {
        this.host = host;
        this.directory = directory;
    }

    public override string Name => "embedded (SQLite)";

    public override IReadOnlyList<string> Settings =>
    [
        $"store: SQLite file in {directory}",
        $"defaults: MaxConcurrentOrchestrations={Options.MaxConcurrentOrchestrations}, MaxConcurrentActivities={Options.MaxConcurrentActivities}; " +
            "new work signals the dispatchers in process (no queue polling)",
    ];

    public override string BoundBy => "SQLite commits (one writer) and this process's CPU";

    private DurableOptions Options => host.Services.GetRequiredService<IOptions<DurableOptions>>().Value;

    protected override IOrchestrationClient Client => host.Services.GetRequiredService<IOrchestrationClient>();

    public static async Task<EmbeddedEngine> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "qlrf-engines-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Qlrf:Store:Path"] = Path.Combine(directory, "qlrf.db");
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddSqliteStore();
        builder.AddEmbeddedDurableRuntime(Workflows.Register);
        var host = builder.Build();
        _ = host.Services.GetRequiredService<SqliteDatabase>();
        await host.StartAsync();
        return new EmbeddedEngine(host, directory);
    }

    public override async ValueTask DisposeAsync()
    {
        await host.StopAsync();
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
