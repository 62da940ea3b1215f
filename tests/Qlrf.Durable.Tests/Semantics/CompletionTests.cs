using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 3: a result for a task no longer open is ignored; an instance completes only when its function has returned and no task is open.</summary>
public sealed class CompletionTests
{
    [Fact]
    public async Task A_result_for_a_task_that_is_no_longer_open_is_ignored()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Approval", async (ctx, _) =>
            {
                var decision = await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromHours(1));
                ctx.SetCustomStatus("approved");
                return decision + "+" + await ctx.WaitForExternalEvent<string>("next");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await host.Client.RaiseEventAsync(id, "approve", "yes");
        await DurableHost.UntilAsync(() => host.Client.GetInstanceAsync(id, true).Result?.SerializedCustomStatus is not null, "the approval to apply");

        await Probe.InjectAsync(host, id, 0, MessageKind.TimerFired, taskId: 0);
        await Probe.InjectAsync(host, id, 0, MessageKind.TaskCompleted, taskId: 0, data: "\"stray\"");
        await Probe.InjectAsync(host, id, 0, MessageKind.TaskCompleted, taskId: 7, data: "\"unknown\"");
        await host.Client.RaiseEventAsync(id, "next", "go");
        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("yes+go", state.ReadOutputAs<string>());
        var history = Probe.History(host, id);
        Assert.True(history.Has(HistoryEventKind.TimerFired, 0));
        Assert.Equal(2, history.Count(e => e.Kind == HistoryEventKind.TaskCompleted));
    }

    [Fact]
    public async Task An_instance_whose_function_returned_stays_running_until_its_open_tasks_finish()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Race", async (ctx, _) =>
            {
                var slow = ctx.CallActivityAsync<string>("Slow");
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(20), CancellationToken.None);
                return await Task.WhenAny(slow, timer) == timer ? "timer first" : "activity first";
            })
            .AddActivity<object?, string>("Slow", (_, _) => release.Task));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race");

        await DurableHost.UntilAsync(() => Probe.History(host, id).Has(HistoryEventKind.TimerFired), "the timer to fire");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        release.SetResult("done");
        var state = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("timer first", state.ReadOutputAs<string>());
    }
}
