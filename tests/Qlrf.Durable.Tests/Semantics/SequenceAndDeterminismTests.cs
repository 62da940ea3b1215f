using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 2: actions take sequence ids in call order; replay matches each recorded action by id and fails the instance on a mismatch, naming both.</summary>
public sealed class SequenceAndDeterminismTests
{
    [Fact]
    public async Task Activities_timers_sub_orchestrations_and_sent_events_take_sequence_ids_in_call_order()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Mixed", async (ctx, _) =>
            {
                var activity = ctx.CallActivityAsync<string>("Echo", "a");
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(1), CancellationToken.None);
                var child = ctx.CallSubOrchestratorAsync<string>("Child", "c", new SubOrchestrationOptions(ctx.InstanceId + "-child"));
                ctx.SendEvent(ctx.InstanceId, "note", "n");
                await Task.WhenAll(activity, timer, child);
                return await activity + await child + await ctx.WaitForExternalEvent<string>("note");
            })
            .AddOrchestrator<string, string>("Child", (_, input) => Task.FromResult(input))
            .AddActivity<string, string>("Echo", (_, input) => Task.FromResult(input)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Mixed");
        var state = await host.WaitAsync(id);

        Assert.Equal("acn", state.ReadOutputAs<string>());
        var actions = Probe.History(host, id).Where(e => e.Kind.IsAction()).ToList();
        Assert.Equal(
            [(HistoryEventKind.TaskScheduled, 0, "Echo"), (HistoryEventKind.TimerCreated, 1, null), (HistoryEventKind.SubOrchestrationCreated, 2, "Child"), (HistoryEventKind.EventSent, 3, "note")],
            actions.Select(e => (e.Kind, e.TaskId, e.Name)));
    }

    [Fact]
    public async Task A_changed_orchestrator_fails_its_instance_with_a_non_determinism_error_naming_both_actions()
    {
        await using var first = await DurableHost.StartAsync(r => Version(r, "Prepare"));
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Deploy");
        await DurableHost.UntilAsync(() => Probe.History(first, id).Has(HistoryEventKind.TaskCompleted), "the first activity to complete");

        await using var second = await first.RestartAsync(r => Version(r, "Validate"));
        await second.Client.RaiseEventAsync(id, "go");
        var state = await second.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.True(state.FailureDetails!.IsCausedBy<NonDeterministicOrchestrationException>());
        Assert.Contains("activity 'Prepare'", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'Validate'", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("sequence id 0", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orchestrator_that_no_longer_schedules_a_recorded_action_fails_naming_it()
    {
        await using var first = await DurableHost.StartAsync(r => Version(r, "Prepare"));
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Deploy");
        await DurableHost.UntilAsync(() => Probe.History(first, id).Has(HistoryEventKind.TaskCompleted), "the first activity to complete");

        await using var second = await first.RestartAsync(r => r
            .AddOrchestrator<object?, string>("Deploy", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go") ?? "none")
            .AddActivity<object?, string>("Prepare", (_, _) => Task.FromResult("ok")));
        await second.Client.RaiseEventAsync(id, "go", "now");
        var state = await second.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("activity 'Prepare'", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("did not schedule anything", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    private static void Version(OrchestrationRegistry r, string firstActivity) => r
        .AddOrchestrator<object?, string>("Deploy", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>(firstActivity);
            await ctx.WaitForExternalEvent<object?>("go");
            return await ctx.CallActivityAsync<string>("Finish");
        })
        .AddActivity<object?, string>(firstActivity, (_, _) => Task.FromResult("ok"))
        .AddActivity<object?, string>("Finish", (_, _) => Task.FromResult("done"));
}
