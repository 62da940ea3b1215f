using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 12: activities run at least once: leases expire and are renewed, a duplicate result is discarded atomically, and a restarted process reclaims a dead one's leases at once.</summary>
public sealed class AtLeastOnceTests
{
    private static int doubles;

    private static void Register(OrchestrationRegistry r) => r
        .AddOrchestrator<int, int>("Twice", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", await ctx.CallActivityAsync<int>("Double", n)))
        .AddActivity<int, int>("Double", (_, x) =>
        {
            Interlocked.Increment(ref doubles);
            return Task.FromResult(x * 2);
        });

    [Fact]
    public async Task A_lease_is_renewed_while_its_activity_runs_so_a_long_activity_runs_once()
    {
        var lockTimeout = TimeSpan.FromSeconds(30);
        var renewEvery = lockTimeout / 3;
        var clock = new ManualClock();
        var runs = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Long", async (ctx, _) => await ctx.CallActivityAsync<string>("Slow"))
            .AddActivity<object?, string>("Slow", (_, _) =>
            {
                Interlocked.Increment(ref runs);
                started.TrySetResult();
                return finish.Task;
            }),
            o => o.LockTimeout = lockTimeout,
            clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long");
        await started.Task.WaitAsync(DurableHost.Patience);

        // Four renewal rounds take the clock past the first lease's expiry (at 30 s) to 40 s.
        for (var round = 1; round <= 4; round++)
        {
            var due = clock.GetUtcNow() + renewEvery;
            await DurableHost.UntilAsync(() => clock.HasTimerDueAt(due), $"the lease renewer to wait for round {round}");
            clock.Advance(renewEvery);
            await DurableHost.UntilAsync(() => LeaseExpiry(host) == due + lockTimeout, $"renewal {round} of the activity's lease");
        }

        Assert.Empty(await host.Store.LeaseActivitiesAsync(10, CancellationToken.None));
        finish.SetResult("done");
        var state = await host.WaitAsync(id);

        Assert.Equal("done", state.ReadOutputAs<string>());
        Assert.Equal(1, runs);
    }

    private static DateTimeOffset LeaseExpiry(DurableHost host) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Probe.Scalar(host, "SELECT coalesce(max(lock_expires_at), 0) FROM durable_activities"));

    [Fact]
    public async Task A_result_under_an_expired_lease_is_discarded_and_only_the_current_one_counts()
    {
        var clock = new ManualClock();
        await using var host = await DurableHost.StartAsync(Register, o => o.LockTimeout = TimeSpan.FromSeconds(10), clock, start: false);
        await Steps.StartWithScheduledActivityAsync(host, "dup");
        var first = Assert.Single(await host.Store.LeaseActivitiesAsync(10, CancellationToken.None));
        Assert.Empty(await host.Store.LeaseActivitiesAsync(10, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(11));
        var second = Assert.Single(await host.Store.LeaseActivitiesAsync(10, CancellationToken.None));
        Assert.Equal(2, second.DispatchCount);

        var current = await host.Store.CommitAsync([], [new ActivityResult(second, "2", null)], CancellationToken.None);
        var late = await host.Store.CommitAsync([], [new ActivityResult(first, "999", null)], CancellationToken.None);

        Assert.True(current.ActivityResults[0]);
        Assert.False(late.ActivityResults[0]);
        Assert.Equal(1, Probe.Scalar(host, "SELECT count(*) FROM durable_messages WHERE instance_id = 'dup' AND kind = 'task_completed' AND data = '2'"));
        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_messages WHERE data = '999'"));
    }

    [Fact]
    public async Task A_restarted_process_reclaims_the_dead_processes_leases_at_once()
    {
        var clock = new ManualClock();
        await using var crashed = await DurableHost.StartAsync(Register, o => o.LockTimeout = TimeSpan.FromMinutes(5), clock, start: false);
        await Steps.StartWithScheduledActivityAsync(crashed, "reclaimed");
        Assert.Single(await crashed.Store.LeaseActivitiesAsync(10, CancellationToken.None));

        await using var restarted = await crashed.RestartAsync(Register, o => o.LockTimeout = TimeSpan.FromMinutes(5), clock);
        var state = await restarted.WaitAsync("reclaimed");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(4, state.ReadOutputAs<int>());
        Assert.True(restarted.Logs.Has(5001));
    }
}
