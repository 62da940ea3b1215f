using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 1: history is event-sourced; each step appends OrchestratorStarted … OrchestratorCompleted with its outbound messages, in one transaction guarded by its lease.</summary>
public sealed class HistoryTests
{
    private static void Register(OrchestrationRegistry r) => r
        .AddOrchestrator<int, int>("Twice", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", await ctx.CallActivityAsync<int>("Double", n)))
        .AddActivity<int, int>("Double", (_, x) => Task.FromResult(x * 2));

    [Fact]
    public async Task Each_step_is_one_history_row_from_OrchestratorStarted_to_OrchestratorCompleted()
    {
        await using var host = await DurableHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 3);

        var state = await host.WaitAsync(id);

        Assert.Equal(12, state.ReadOutputAs<int>());
        var steps = Probe.Steps(host, id);
        Assert.Equal(3, steps.Count);
        var position = 0;
        foreach (var (seq, count, events) in steps)
        {
            Assert.Equal(position, seq);
            Assert.Equal(count, events.Count);
            Assert.Equal(HistoryEventKind.OrchestratorStarted, events[0].Kind);
            Assert.Equal(HistoryEventKind.OrchestratorCompleted, events[^1].Kind);
            position += count;
        }

        Assert.Equal(
            [HistoryEventKind.OrchestratorStarted, HistoryEventKind.ExecutionStarted, HistoryEventKind.TaskScheduled, HistoryEventKind.OrchestratorCompleted],
            steps[0].Events.Select(e => e.Kind));
        Assert.Equal(
            [HistoryEventKind.OrchestratorStarted, HistoryEventKind.TaskCompleted, HistoryEventKind.TaskScheduled, HistoryEventKind.OrchestratorCompleted],
            steps[1].Events.Select(e => e.Kind));
        Assert.Equal(
            [HistoryEventKind.OrchestratorStarted, HistoryEventKind.TaskCompleted, HistoryEventKind.ExecutionCompleted, HistoryEventKind.OrchestratorCompleted],
            steps[2].Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_step_and_its_outbound_messages_commit_together_or_not_at_all()
    {
        await using var host = await DurableHost.StartAsync(Register, start: false);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 1, new StartOrchestrationOptions("atomic"));
        var item = Assert.Single(await host.Store.LeaseOrchestrationsAsync(10, CancellationToken.None));
        var step = Steps.ScheduleOneActivity(item, host.Store.Now());

        host.Database.BeforeCommit = _ => throw new IOException("disk full (injected)");
        await Assert.ThrowsAsync<IOException>(() => host.Store.CommitAsync([step], [], CancellationToken.None));
        host.Database.BeforeCommit = null;

        Assert.Empty(Probe.Steps(host, "atomic"));
        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_activities"));
        Assert.Equal(1, Probe.Scalar(host, "SELECT count(*) FROM durable_messages WHERE instance_id = 'atomic'"));

        var report = await host.Store.CommitAsync([step], [], CancellationToken.None);

        Assert.Equal(CommitStatus.Committed, report.Steps[0].Status);
        Assert.Single(Probe.Steps(host, "atomic"));
        Assert.Equal(1, Probe.Scalar(host, "SELECT count(*) FROM durable_activities WHERE instance_id = 'atomic'"));
        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_messages WHERE instance_id = 'atomic'"));
    }

    [Fact]
    public async Task A_step_whose_lease_has_passed_on_writes_nothing()
    {
        var clock = new ManualClock();
        await using var host = await DurableHost.StartAsync(Register, o => o.LockTimeout = TimeSpan.FromSeconds(30), clock, start: false);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 1, new StartOrchestrationOptions("guarded"));
        var first = Assert.Single(await host.Store.LeaseOrchestrationsAsync(10, CancellationToken.None));
        Assert.Empty(await host.Store.LeaseOrchestrationsAsync(10, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(31));
        var second = Assert.Single(await host.Store.LeaseOrchestrationsAsync(10, CancellationToken.None));

        var stale = await host.Store.CommitAsync([Steps.ScheduleOneActivity(first, host.Store.Now())], [], CancellationToken.None);
        Assert.Equal(CommitStatus.LeaseLost, stale.Steps[0].Status);
        Assert.Empty(Probe.Steps(host, "guarded"));
        Assert.Equal(0, Probe.Scalar(host, "SELECT count(*) FROM durable_activities"));

        var current = await host.Store.CommitAsync([Steps.ScheduleOneActivity(second, host.Store.Now())], [], CancellationToken.None);
        Assert.Equal(CommitStatus.Committed, current.Steps[0].Status);
        Assert.Single(Probe.Steps(host, "guarded"));
    }
}
