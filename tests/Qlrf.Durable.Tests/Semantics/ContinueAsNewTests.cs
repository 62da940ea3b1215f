using Microsoft.Extensions.DependencyInjection;
using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 9: ContinueAsNew resets history (memory and storage stay flat for an eternal loop) and drops stale-generation messages.</summary>
public sealed class ContinueAsNewTests
{
    [Fact]
    public async Task An_eternal_loop_keeps_its_history_flat_across_generations()
    {
        var largestHistory = 0;
        DurableHost? running = null;
        await using var host = running = await DurableHost.StartAsync(r => r
            .AddOrchestrator<int, int>("Loop", async (ctx, n) =>
            {
                await ctx.CallActivityAsync<int>("Observe", n);
                if (n < 60)
                {
                    ctx.ContinueAsNew(n + 1);
                }

                return n;
            })
            .AddActivity<int, int>("Observe", (_, n) =>
            {
                var stored = (int)Probe.Scalar(running!, "SELECT coalesce(sum(event_count), 0) FROM durable_history");
                largestHistory = Math.Max(largestHistory, stored);
                return Task.FromResult(n);
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Loop", 0);

        var state = await host.WaitAsync(id);

        Assert.Equal(60, state.ReadOutputAs<int>());
        Assert.Equal(60, (await host.Services.GetRequiredService<IOrchestrationHistory>().GetHistorySummaryAsync(id, 10))!.Generation);
        Assert.InRange(largestHistory, 1, 8);
        Assert.InRange(Probe.History(host, id).Count, 1, 8);
    }

    [Fact]
    public async Task Messages_for_an_earlier_generation_are_dropped_and_unprocessed_events_carry_over()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<int, string>("Generations", async (ctx, n) =>
            {
                if (n == 0)
                {
                    await ctx.WaitForExternalEvent<string>("first");
                    ctx.ContinueAsNew(1, preserveUnprocessedEvents: true);
                    return "continued";
                }

                var carried = await ctx.WaitForExternalEvent<string>("carried");
                return carried + "," + await ctx.WaitForExternalEvent<string>("finish");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Generations", 0);
        await host.Client.RaiseEventAsync(id, "carried", "kept");
        await host.Client.RaiseEventAsync(id, "first", "go");
        await DurableHost.UntilAsync(() => Probe.Scalar(host, "SELECT generation FROM durable_instances WHERE instance_id = $i", ("$i", id)) == 1
            && Probe.History(host, id).Has(HistoryEventKind.EventRaised), "the second generation to start");

        await Probe.InjectAsync(host, id, 0, MessageKind.EventRaised, data: "\"stale\"");
        await Probe.InjectAsync(host, id, 0, MessageKind.TaskCompleted, taskId: 0, data: "\"stale\"");
        await host.Client.RaiseEventAsync(id, "finish", "done");
        var state = await host.WaitAsync(id);

        Assert.Equal("kept,done", state.ReadOutputAs<string>());
        Assert.DoesNotContain(Probe.History(host, id), e => e.Data == "\"stale\"");
    }
}
