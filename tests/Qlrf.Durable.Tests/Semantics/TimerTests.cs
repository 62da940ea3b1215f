using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 6: timers fire at or after their time, survive restarts, and may be months long.</summary>
public sealed class TimerTests
{
    private static void Register(OrchestrationRegistry r) => r
        .AddOrchestrator<object?, DateTime>("Wait90Days", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(90), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        });

    [Fact]
    public async Task A_90_day_timer_survives_a_restart_and_fires_at_or_after_its_time()
    {
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        await using var first = await DurableHost.StartAsync(Register, clock: clock);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Wait90Days");
        await DurableHost.UntilAsync(() => Probe.History(first, id).Has(HistoryEventKind.TimerCreated), "the timer to be created");
        var fireAt = Probe.History(first, id).Single(e => e.Kind == HistoryEventKind.TimerCreated).FireAt!.Value;
        Assert.Equal(start.AddDays(90), fireAt);

        await using var second = await first.RestartAsync(Register, clock: clock);
        clock.Advance(TimeSpan.FromDays(89));
        Assert.Empty(await second.Store.LeaseOrchestrationsAsync(10, CancellationToken.None));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await second.Client.GetInstanceAsync(id))!.RuntimeStatus);

        clock.Advance(TimeSpan.FromDays(1));
        var state = await clock.PassUntilAsync(second.WaitAsync(id), TimeSpan.FromSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.True(state.ReadOutputAs<DateTime>() >= fireAt.UtcDateTime);
    }

    [Fact]
    public async Task Short_timers_fire_in_order_of_their_times()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Sleepers", async (ctx, _) =>
            {
                var order = new List<string>();
                var late = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(120), CancellationToken.None).ContinueWith(_ => order.Add("late"), TaskScheduler.Current);
                var early = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(30), CancellationToken.None).ContinueWith(_ => order.Add("early"), TaskScheduler.Current);
                await Task.WhenAll(late, early);
                return string.Join(",", order);
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleepers");

        var state = await host.WaitAsync(id);

        Assert.Equal("early,late", state.ReadOutputAs<string>());
        var fired = Probe.History(host, id).Where(e => e.Kind == HistoryEventKind.TimerFired).ToList();
        Assert.All(fired, e => Assert.True(e.Timestamp >= e.FireAt));
    }
}
