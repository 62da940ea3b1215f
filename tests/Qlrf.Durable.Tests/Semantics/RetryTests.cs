using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 7: delay = first × coefficient^attempt, capped, within a retry timeout, for failures the predicate handles; each attempt is a new scheduled task.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task Each_retry_is_a_new_task_after_a_durable_backoff_delay()
    {
        var attempts = 0;
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(40), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMilliseconds(100));
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Flaky", async (ctx, _) => await ctx.CallActivityAsync<string>("Sometimes", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivity<object?, string>("Sometimes", (_, _) => ++attempts < 4 ? throw new TimeoutException($"attempt {attempts}") : Task.FromResult("ok")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flaky");

        var state = await host.WaitAsync(id);

        Assert.Equal("ok", state.ReadOutputAs<string>());
        var history = Probe.History(host, id);
        Assert.Equal([0, 2, 4, 6], history.Where(e => e.Kind == HistoryEventKind.TaskScheduled).Select(e => e.TaskId));
        Assert.Equal(3, history.Count(e => e.Kind == HistoryEventKind.TaskFailed));
        var delays = DelaysOfTimers(history);
        Assert.Equal([40, 80, 100], delays);
    }

    [Fact]
    public async Task A_failure_the_predicate_declines_is_not_retried()
    {
        var attempts = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10)) { HandleFailure = f => !f.IsCausedBy<InvalidOperationException>() };
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Picky", async (ctx, _) => await ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivity<object?, string>("Broken", (_, _) => { attempts++; throw new InvalidOperationException("not transient"); }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Picky");

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(1, attempts);
        Assert.True(state.FailureDetails!.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public void The_delay_grows_by_the_coefficient_is_capped_and_stops_at_the_attempt_limit_or_timeout()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromSeconds(20), retryTimeout: TimeSpan.FromMinutes(1));
        var failure = new TaskFailureDetails("System.TimeoutException", "slow");

        Assert.Equal(TimeSpan.FromSeconds(1), policy.NextDelay(1, TimeSpan.Zero, failure));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.NextDelay(2, TimeSpan.Zero, failure));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.NextDelay(3, TimeSpan.Zero, failure));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.NextDelay(4, TimeSpan.Zero, failure));
        Assert.Null(policy.NextDelay(5, TimeSpan.Zero, failure));
        Assert.Null(policy.NextDelay(2, TimeSpan.FromMinutes(1), failure));
        Assert.Null(policy.NextDelay(1, TimeSpan.Zero, failure with { IsNonRetriable = true }));
    }

    private static List<int> DelaysOfTimers(List<HistoryEvent> history)
    {
        var delays = new List<int>();
        var stepStart = DateTimeOffset.MinValue;
        foreach (var e in history)
        {
            if (e.Kind == HistoryEventKind.OrchestratorStarted)
            {
                stepStart = e.Timestamp;
            }
            else if (e.Kind == HistoryEventKind.TimerCreated)
            {
                delays.Add((int)(e.FireAt!.Value - stepStart).TotalMilliseconds);
            }
        }

        return delays;
    }
}
