using Microsoft.Extensions.Logging;
using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 4: CurrentUtcDateTime is the step's OrchestratorStarted time, identical on replay (and so are NewGuid and the replay-safe log).</summary>
public sealed class ReplayedTimeTests
{
    private static readonly Action<ILogger, int, Exception?> LogStep = LoggerMessage.Define<int>(LogLevel.Information, new EventId(1), "step {Step}");

    [Fact]
    public async Task Step_time_and_new_guids_come_from_history_and_are_the_same_on_every_replay()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, List<string>>("Clocked", async (ctx, _) =>
            {
                var log = ctx.CreateReplaySafeLogger("Clocked");
                var seen = new List<string>();
                for (var step = 0; step < 3; step++)
                {
                    LogStep(log, step, null);
                    seen.Add($"{ctx.CurrentUtcDateTime:O}|{ctx.NewGuid()}|{ctx.IsReplaying}");
                    await ctx.CallActivityAsync<int>("Tick", step);
                }

                return seen;
            })
            .AddActivity<int, int>("Tick", (_, n) => Task.FromResult(n)),
            o => o.MaxCachedInstances = 0);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Clocked");
        var state = await host.WaitAsync(id);

        var starts = Probe.History(host, id).Where(e => e.Kind == HistoryEventKind.OrchestratorStarted).Select(e => e.Timestamp.UtcDateTime).ToList();
        var seen = state.ReadOutputAs<List<string>>()!.Select(s => s.Split('|')).ToList();
        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(starts[step].ToString("O"), seen[step][0]);
            Assert.Equal(DeterministicGuid.ForOrchestration(id, starts[step], step).ToString(), seen[step][1]);
            Assert.Equal("True", seen[step][2]);
        }

        Assert.Equal(3, host.Logs.Entries.Count(e => e.Category == "Clocked"));
    }
}
