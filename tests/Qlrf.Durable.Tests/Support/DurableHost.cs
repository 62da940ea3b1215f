using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Durable.Tests.Support;

/// <summary>
/// A generic host running the embedded runtime on a real SQLite file in a temporary directory. A restart stops
/// this host and starts another on the same file, as a process restart would.
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly bool ownsDirectory;
    private bool stopped;

    private DurableHost(IHost host, string directory, bool ownsDirectory, CapturedLogs logs)
    {
        this.host = host;
        Directory = directory;
        this.ownsDirectory = ownsDirectory;
        Logs = logs;
    }

    /// <summary>The default wait for a test's condition before it gives up (a hang guard, never a timing assertion).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public string Directory { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => host.Services;

    public IOrchestrationClient Client => Services.GetRequiredService<IOrchestrationClient>();

    internal DurableStore Store => Services.GetRequiredService<DurableStore>();

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public static Task<DurableHost> StartAsync(
        Action<OrchestrationRegistry> register,
        Action<DurableOptions>? configure = null,
        TimeProvider? clock = null,
        string? directory = null,
        bool start = true,
        Action<IServiceCollection>? services = null) =>
        CreateAsync(register, configure, clock, directory, start, services);

    /// <summary>Stops this host and starts a new one on the same store, with the given registrations.</summary>
    public async Task<DurableHost> RestartAsync(Action<OrchestrationRegistry> register, Action<DurableOptions>? configure = null, TimeProvider? clock = null)
    {
        await StopAsync();
        return await CreateAsync(register, configure, clock, Directory, start: true, services: null, ownsDirectory: ownsDirectory);
    }

    /// <summary>Starts a host built with start: false.</summary>
    public Task RunAsync() => host.StartAsync();

    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Instance {instanceId} did not finish.{Environment.NewLine}{Describe()}");
        }
    }

    /// <summary>The runtime's tables and the warnings logged, for a test that gives up.</summary>
    public string Describe()
    {
        var text = new System.Text.StringBuilder();
        using var connection = Database.OpenRead();
        foreach (var table in new[] { "durable_instances", "durable_messages", "durable_activities" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} LIMIT 50";
            using var reader = command.ExecuteReader();
            text.AppendLine(table + ":");
            while (reader.Read())
            {
                text.AppendLine("  " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : reader.GetValue(i))}")));
            }
        }

        foreach (var entry in Logs.Entries.Where(e => e.Level >= LogLevel.Warning))
        {
            text.AppendLine($"{entry.Level} {entry.Category}: {entry.Message}");
        }

        return text.ToString();
    }

    /// <summary>Waits until <paramref name="condition"/> holds (a hang guard stops it after <see cref="Patience"/>).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<DurableHost> CreateAsync(
        Action<OrchestrationRegistry> register,
        Action<DurableOptions>? configure,
        TimeProvider? clock,
        string? directory,
        bool start,
        Action<IServiceCollection>? services,
        bool? ownsDirectory = null)
    {
        var dir = directory ?? Path.Combine(Path.GetTempPath(), "qlrf-durable-" + Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Qlrf:Store:Path"] = Path.Combine(dir, "qlrf.db");
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddSqliteStore();
        builder.AddEmbeddedDurableRuntime(register);
        if (configure is not null)
        {
            builder.Services.PostConfigure(configure);
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        var durable = new DurableHost(host, dir, ownsDirectory ?? directory is null, logs);
        if (start)
        {
            try
            {
                await host.StartAsync();
            }
            catch
            {
                durable.stopped = true;
                host.Dispose();
                await durable.DisposeAsync();
                throw;
            }
        }

        return durable;
    }
}
