using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 11: an unknown orchestrator or activity name fails the instance or the task with a clear error; it never hangs.</summary>
public sealed class UnknownNameTests
{
    [Fact]
    public async Task An_unknown_orchestrator_fails_its_instance_naming_it_and_what_is_registered()
    {
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestrator<object?, string>("Known", (_, _) => Task.FromResult("ok")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Unknwon");

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(RuntimeErrors.UnknownTaskName, state.FailureDetails!.ErrorType);
        Assert.Contains("'Unknwon'", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Known", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_activity_fails_its_task_once_even_under_a_retry_policy()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Caller", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Mispelled", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(10))));
                    return "called";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType + ": " + ex.FailureDetails.ErrorMessage;
                }
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Caller");

        var state = await host.WaitAsync(id);

        Assert.StartsWith(RuntimeErrors.UnknownTaskName + ": No activity named 'Mispelled'", state.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Single(Probe.History(host, id), e => e.Kind == HistoryEventKind.TaskScheduled);
    }

    [Fact]
    public async Task An_unknown_sub_orchestrator_fails_the_parents_task()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Parent", async (ctx, _) => await ctx.CallSubOrchestratorAsync<string>("Nowhere")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(RuntimeErrors.UnknownTaskName, state.FailureDetails!.InnerFailure!.ErrorType);
    }
}
