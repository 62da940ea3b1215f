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
        var runs = 0;
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Long", async (ctx, _) => await ctx.CallActivityAsync<string>("Slow"))
            .AddActivity<object?, string>("Slow", async (_, _) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(3.5));
                return "done";
            }),
            o => o.LockTimeout = TimeSpan.FromSeconds(1));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long");

        var state = await host.WaitAsync(id);

        Assert.Equal("done", state.ReadOutputAs<string>());
        Assert.Equal(1, runs);
    }

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
