using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 8: sub-orchestrations propagate failure details; a fan-out of 10,000 activities joined with WhenAll works.</summary>
public sealed class SubOrchestrationTests
{
    [Fact]
    public async Task A_failing_sub_orchestration_hands_its_parent_the_failure_chain_down_to_the_activity()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<string>("Child", "disk-7", new SubOrchestrationOptions("child-of-" + ctx.InstanceId));
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.FailureDetails.InnerFailure?.ErrorType}|{ex.FailureDetails.InnerFailure?.ErrorMessage}";
                }
            })
            .AddOrchestrator<string, string>("Child", async (ctx, disk) => await ctx.CallActivityAsync<string>("Format", disk))
            .AddActivity<string, string>("Format", (_, disk) => throw new IOException($"{disk} is read-only")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", options: new StartOrchestrationOptions("parent"));

        var state = await host.WaitAsync(id);

        Assert.Equal("Child|System.IO.IOException|disk-7 is read-only", state.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("child-of-parent");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child!.RuntimeStatus);
        Assert.True(child.FailureDetails!.IsCausedBy<IOException>());
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_output_and_an_unhandled_child_failure_fails_the_parent()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<int, int>("Sum", async (ctx, n) =>
            {
                var left = ctx.CallSubOrchestratorAsync<int>("Square", n);
                var right = ctx.CallSubOrchestratorAsync<int>("Square", n + 1);
                return await left + await right;
            })
            .AddOrchestrator<int, int>("Square", (_, n) => n < 0 ? throw new ArgumentOutOfRangeException(nameof(n)) : Task.FromResult(n * n)));

        var ok = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Sum", 3));
        var failed = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Sum", -5));

        Assert.Equal(25, ok.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, failed.FailureDetails!.ErrorType);
        Assert.True(failed.FailureDetails.IsCausedBy<ArgumentOutOfRangeException>());
    }

    [Fact]
    public async Task A_fan_out_of_10000_activities_joined_with_WhenAll_completes_with_every_result()
    {
        const int Count = 10_000;
        var ran = 0;
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<int, long>("FanOut", async (ctx, count) =>
            {
                var tasks = Enumerable.Range(0, count).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum(r => (long)r);
            })
            .AddActivity<int, int>("Square", (_, i) =>
            {
                Interlocked.Increment(ref ran);
                return Task.FromResult(i * i);
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", Count);

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, Count).Sum(i => (long)i * i), state.ReadOutputAs<long>());
        Assert.True(ran >= Count);
        Assert.Equal(Count, Probe.History(host, id).Count(e => e.Kind == HistoryEventKind.TaskCompleted));
    }
}
