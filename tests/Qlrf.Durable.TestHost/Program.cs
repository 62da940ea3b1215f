using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qlrf.Durable;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Durable.TestHost;

/// <summary>
/// Usage: Qlrf.Durable.TestHost <database file> <run log> <instances> <fan-out size> [stall after]
/// Schedules instances p0..pN-1 that do not exist yet, waits for all of them to finish, and exits 0.
/// Killed and started again, it carries on where the store says it was. With a stall count, activity runs after
/// that many never finish, so the run is still under way whenever the test kills the process.
/// </summary>
internal static class TestHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        var (database, runLog, count, size) = (args[0], args[1], Number(args[2]), Number(args[3]));
        var workflow = new SampleWorkflow(runLog, args.Length > 4 ? Number(args[4]) : null);
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

    private static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
