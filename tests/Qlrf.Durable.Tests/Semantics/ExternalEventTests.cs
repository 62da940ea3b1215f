using Qlrf.Durable.Tests.Support;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 5: events are always recorded; buffered FIFO per name; a timed wait races a durable timer and the loser is cancelled; Pending keeps, missing is an error, terminal drops.</summary>
public sealed class ExternalEventTests
{
    [Fact]
    public async Task Events_with_no_waiter_are_buffered_first_in_first_out_per_name_and_kept_for_a_pending_instance()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Collect", async (ctx, _) =>
            {
                var b = await ctx.WaitForExternalEvent<string>("B");
                var a1 = await ctx.WaitForExternalEvent<string>("A");
                var a2 = await ctx.WaitForExternalEvent<string>("a");
                return $"{b},{a1},{a2}";
            }),
            start: false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collect");
        await host.Client.RaiseEventAsync(id, "A", "1");
        await host.Client.RaiseEventAsync(id, "A", "2");
        await host.Client.RaiseEventAsync(id, "B", "x");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.RunAsync();
        var state = await host.WaitAsync(id);

        Assert.Equal("x,1,2", state.ReadOutputAs<string>());
        Assert.Equal(["A", "A", "B"], Probe.History(host, id).Where(e => e.Kind == HistoryEventKind.EventRaised).Select(e => e.Name));
    }

    [Fact]
    public async Task Every_event_is_recorded_even_one_nobody_waits_for()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("One", async (ctx, _) => await ctx.WaitForExternalEvent<string>("wanted")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("One");
        await host.Client.RaiseEventAsync(id, "unwanted", "ignored");
        await host.Client.RaiseEventAsync(id, "wanted", "ok");

        var state = await host.WaitAsync(id);

        Assert.Equal("ok", state.ReadOutputAs<string>());
        var raised = Probe.History(host, id).Where(e => e.Kind == HistoryEventKind.EventRaised).ToList();
        Assert.Equal(["unwanted", "wanted"], raised.Select(e => e.Name));
        Assert.Equal("\"ignored\"", raised[0].Data);
    }

    [Fact]
    public async Task An_event_that_wins_the_race_cancels_the_timer_so_it_keeps_nothing_running()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Approval", async (ctx, _) =>
            {
                var decision = await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromDays(1));
                ctx.SetCustomStatus(decision);
                await ctx.WaitForExternalEvent<object?>("finish");
                return decision;
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await DurableHost.UntilAsync(() => Probe.Scalar(host, "SELECT count(*) FROM durable_messages WHERE kind = 'timer_fired'") == 1, "the timeout timer");

        await host.Client.RaiseEventAsync(id, "approve", "granted");
        await DurableHost.UntilAsync(() => host.Client.GetInstanceAsync(id, true).Result?.SerializedCustomStatus is not null, "the approval to apply");

        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_messages WHERE kind = 'timer_fired'"));
        await host.Client.RaiseEventAsync(id, "finish");
        var state = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("granted", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timer_that_wins_the_race_cancels_the_wait_and_later_events_are_buffered_for_the_next_wait()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Approval", async (ctx, _) =>
            {
                string first;
                try
                {
                    first = await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromMilliseconds(50));
                }
                catch (TaskCanceledException)
                {
                    first = "expired";
                }

                ctx.SetCustomStatus(first);
                return first + "," + await ctx.WaitForExternalEvent<string>("approve");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await DurableHost.UntilAsync(() => host.Client.GetInstanceAsync(id, true).Result?.SerializedCustomStatus is not null, "the wait to time out");

        await host.Client.RaiseEventAsync(id, "approve", "late");
        var state = await host.WaitAsync(id);

        Assert.Equal("expired,late", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_for_a_missing_instance_is_an_error_and_for_a_finished_one_is_dropped()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Quick", (_, _) => Task.FromResult("done")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick");
        await host.WaitAsync(id);
        var historyBefore = Probe.History(host, id).Count;

        await Assert.ThrowsAsync<NotFoundException>(() => host.Client.RaiseEventAsync("no-such-instance", "go"));
        await host.Client.RaiseEventAsync(id, "go", "too late");

        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_messages"));
        Assert.Equal(historyBefore, Probe.History(host, id).Count);
        Assert.True(host.Logs.Has(5017));
    }
}
