using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Durable;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Durable.TestHost;

/// <summary>
/// Usage: Qlrf.Durable.TestHost <database file> <run log> <instances> <fan-out size>
/// Schedules instances p0..pN-1 that do not exist yet, waits for all of them to finish, and exits 0.
/// Killed and started again, it carries on where the store says it was.
/// </summary>
internal static class TestHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        var (database, runLog, count, size) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var workflow = new SampleWorkflow(runLog);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Qlrf:Store:Path"] = database;
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddSqliteStore();
        builder.AddEmbeddedDurableRuntime(workflow.Register);
        using var host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IOrchestrationClient>();
        var ids = Enumerable.Range(0, count).Select(i => $"p{i}").ToList();
        foreach (var id in ids)
        {
            if (await client.GetInstanceAsync(id) is null)
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(SampleWorkflow.Pipeline), size, new StartOrchestrationOptions(id));
            }
        }

        Console.WriteLine("scheduled");
        foreach (var id in ids)
        {
            var state = await client.WaitForInstanceCompletionAsync(id);
            Console.WriteLine($"{id} {state.RuntimeStatus}");
        }

        await host.StopAsync();
        return 0;
    }
}
