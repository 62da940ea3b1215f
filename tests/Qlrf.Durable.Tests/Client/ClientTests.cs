using Microsoft.Extensions.DependencyInjection;
using Qlrf.Durable.Tests.Support;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Client;

/// <summary>The client: ids, state, queries and purges.</summary>
public sealed class ClientTests
{
    private static void Register(OrchestrationRegistry r) => r
        .AddOrchestrator<string, string>("Echo", (_, s) => Task.FromResult(s))
        .AddOrchestrator<object?, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"));

    [Fact]
    public async Task A_live_instance_id_cannot_be_reused_but_a_finished_one_starts_afresh()
    {
        await using var host = await DurableHost.StartAsync(Register);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", options: new StartOrchestrationOptions("job-1"));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("job-1")));
        Assert.Contains("job-1", conflict.Message, StringComparison.Ordinal);

        await host.Client.RaiseEventAsync("job-1", "go", "first");
        Assert.Equal("first", (await host.WaitAsync("job-1")).ReadOutputAs<string>());
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "second", new StartOrchestrationOptions("job-1"));
        var again = await host.WaitAsync("job-1");

        Assert.Equal("Echo", again.Name);
        Assert.Equal("second", again.ReadOutputAs<string>());
        Assert.Equal("second", again.ReadInputAs<string>());
        Assert.Equal(1, Probe.Scalar(host, "SELECT generation FROM durable_instances WHERE instance_id = 'job-1'"));
    }

    [Fact]
    public async Task Instance_state_carries_times_payloads_and_failure_details()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<string, string>("Fails", (_, s) => throw new InvalidOperationException("bad " + s)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fails", "input");

        var state = await host.WaitAsync(id);
        var bare = await host.Client.GetInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal("input", state.ReadInputAs<string>());
        Assert.Equal("bad input", state.FailureDetails!.ErrorMessage);
        Assert.NotNull(state.CompletedAt);
        Assert.True(state.CreatedAt <= state.LastUpdatedAt);
        Assert.Null(bare!.SerializedInput);
        Assert.Null(await host.Client.GetInstanceAsync("missing"));
        await Assert.ThrowsAsync<NotFoundException>(() => host.Client.WaitForInstanceCompletionAsync("missing"));
    }

    [Fact]
    public async Task Queries_filter_by_status_name_and_created_range_newest_first_a_page_at_a_time()
    {
        var clock = new ManualClock();
        await using var host = await DurableHost.StartAsync(Register, clock: clock, start: false);
        var created = new List<(string Id, DateTimeOffset At)>();
        for (var i = 0; i < 7; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            created.Add((await host.Client.ScheduleNewOrchestrationInstanceAsync(i % 2 == 0 ? "Echo" : "Waiter", "x", new StartOrchestrationOptions($"q{i}")), clock.GetUtcNow()));
        }

        var page1 = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Name = "Echo", PageSize = 3 });
        var page2 = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Name = "Echo", PageSize = 3, ContinuationToken = page1.NextCursor });
        var ranged = await host.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = created[2].At, CreatedTo = created[5].At });
        var pending = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending] });
        var none = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] });

        Assert.Equal(["q6", "q4", "q2"], page1.Items.Select(m => m.InstanceId));
        Assert.Equal(["q0"], page2.Items.Select(m => m.InstanceId));
        Assert.Null(page2.NextCursor);
        Assert.Equal(["q4", "q3", "q2"], ranged.Items.Select(m => m.InstanceId));
        Assert.Equal(7, pending.Items.Count);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Purges_delete_only_finished_instances_and_everything_they_left()
    {
        await using var host = await DurableHost.StartAsync(Register);
        var done = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "a");
        var alsoDone = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "b");
        var live = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitAsync(done);
        await host.WaitAsync(alsoDone);

        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(live)).PurgedInstanceCount);
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(done)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(done));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running])));
        Assert.Equal(1, (await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedTo: DateTimeOffset.MaxValue.AddYears(-1)))).PurgedInstanceCount);

        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_history WHERE instance_id IN ($a, $b)", ("$a", done), ("$b", alsoDone)));
        Assert.NotNull(await host.Client.GetInstanceAsync(live));
    }

    [Fact]
    public async Task The_retention_purge_deletes_instances_that_finished_longer_ago_than_the_retention()
    {
        var clock = new ManualClock();
        var interval = TimeSpan.FromHours(1);
        await using var host = await DurableHost.StartAsync(Register, o => (o.Retention, o.PurgeInterval) = (TimeSpan.FromDays(30), interval), clock);
        var old = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "old");
        await host.WaitAsync(old);
        await UntilPurgeSleepsAsync(clock, interval);
        clock.Advance(TimeSpan.FromDays(20));
        await UntilPurgeSleepsAsync(clock, interval);
        var recent = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "recent");
        await host.WaitAsync(recent);
        var live = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");

        clock.Advance(TimeSpan.FromDays(11));
        await UntilPurgeSleepsAsync(clock, interval);

        Assert.Null(await host.Client.GetInstanceAsync(old));
        Assert.NotNull(await host.Client.GetInstanceAsync(recent));
        Assert.NotNull(await host.Client.GetInstanceAsync(live));
        Assert.StartsWith("Purged 1 instances", Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5050).Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.Services.GetRequiredService<RetentionPurgeService>().PurgeOnceAsync(CancellationToken.None));
    }

    /// <summary>Waits until the retention purge has made its pass at the current time and sleeps until the next one.</summary>
    private static Task UntilPurgeSleepsAsync(ManualClock clock, TimeSpan interval)
    {
        var next = clock.GetUtcNow() + interval;
        return DurableHost.UntilAsync(() => clock.HasTimerDueAt(next), "the retention purge to finish its pass");
    }
}
