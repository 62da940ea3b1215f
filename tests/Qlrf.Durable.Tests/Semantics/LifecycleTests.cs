using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 10: terminate works on Pending, Running and Suspended instances (recursively if asked); a suspended instance buffers events and applies them in order on resume.</summary>
public sealed class LifecycleTests
{
    private static int ran;

    private static void Register(OrchestrationRegistry r) => r
        .AddOrchestrator<object?, string>("Waiter", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<int>("Count");
            return await ctx.WaitForExternalEvent<string>("never");
        })
        .AddOrchestrator<object?, string>("Parent", async (ctx, _) => await ctx.CallSubOrchestratorAsync<string>("Waiter", null, new SubOrchestrationOptions(ctx.InstanceId + "-child")))
        .AddActivity<object?, int>("Count", (_, _) => Task.FromResult(Interlocked.Increment(ref ran)));

    [Fact]
    public async Task A_pending_instance_can_be_terminated_before_it_runs_anything()
    {
        await using var host = await DurableHost.StartAsync(Register, start: false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("changed my mind"));

        await host.RunAsync();
        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal("changed my mind", state.ReadOutputAs<string>());
        Assert.False(Probe.History(host, id).Has(HistoryEventKind.TaskScheduled));
    }

    [Fact]
    public async Task Running_and_suspended_instances_can_be_terminated()
    {
        await using var host = await DurableHost.StartAsync(Register);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        var suspended = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await DurableHost.UntilAsync(() => Probe.History(host, running).Has(HistoryEventKind.TaskCompleted) && Probe.History(host, suspended).Has(HistoryEventKind.TaskCompleted), "both to wait");
        await host.Client.SuspendInstanceAsync(suspended, "maintenance");
        await DurableHost.UntilAsync(() => host.Client.GetInstanceAsync(suspended).Result!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "the suspension");

        await host.Client.TerminateInstanceAsync(running);
        await host.Client.TerminateInstanceAsync(suspended);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync(running)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync(suspended)).RuntimeStatus);
        Assert.True(host.Logs.Has(5013));
    }

    [Fact]
    public async Task A_recursive_terminate_takes_the_sub_orchestrations_with_it_and_a_plain_one_does_not()
    {
        await using var host = await DurableHost.StartAsync(Register);
        var recursive = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", options: new StartOrchestrationOptions("r"));
        var plain = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", options: new StartOrchestrationOptions("p"));
        await DurableHost.UntilAsync(() => Probe.History(host, "r-child").Has(HistoryEventKind.TaskCompleted) && Probe.History(host, "p-child").Has(HistoryEventKind.TaskCompleted), "the children to wait");

        await host.Client.TerminateInstanceAsync(recursive, new TerminateInstanceOptions("stop all", Recursive: true));
        await host.Client.TerminateInstanceAsync(plain, new TerminateInstanceOptions("stop parent"));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync("r")).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync("r-child")).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync("p")).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("p-child"))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_suspended_instance_keeps_its_events_and_applies_them_in_order_when_resumed()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Listener", async (ctx, _) =>
            {
                ctx.SetCustomStatus("listening");
                var first = await ctx.WaitForExternalEvent<string>("item");
                ctx.SetCustomStatus("got one");
                var second = await ctx.WaitForExternalEvent<string>("item");
                return first + "," + second;
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Listener");
        await DurableHost.UntilAsync(() => host.Client.GetInstanceAsync(id, true).Result!.SerializedCustomStatus == "\"listening\"", "the listener to start");
        await host.Client.SuspendInstanceAsync(id, "hold");
        await host.Client.RaiseEventAsync(id, "item", "one");
        await host.Client.RaiseEventAsync(id, "item", "two");
        await DurableHost.UntilAsync(() => Probe.History(host, id).Count(e => e.Kind == HistoryEventKind.EventRaised) == 2, "the events to be recorded");

        var held = await host.Client.GetInstanceAsync(id, true);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, held!.RuntimeStatus);
        Assert.Equal("\"listening\"", held.SerializedCustomStatus);

        await host.Client.ResumeInstanceAsync(id, "go on");
        var state = await host.WaitAsync(id);

        Assert.Equal("one,two", state.ReadOutputAs<string>());
        Assert.True(host.Logs.Has(5015));
        Assert.True(host.Logs.Has(5016));
    }
}
