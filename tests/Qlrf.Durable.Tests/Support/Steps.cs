namespace Qlrf.Durable.Tests.Support;

/// <summary>Steps built by hand, for tests that drive the store without dispatchers.</summary>
internal static class Steps
{
    /// <summary>The first step of <c>Twice(1)</c>: it starts and schedules activity <c>Double(1)</c> as task 0.</summary>
    public static StepCommit ScheduleOneActivity(OrchestrationWorkItem item, DateTimeOffset now)
    {
        var result = new StepResult { Outcome = StepOutcome.Running };
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorStarted, now));
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.ExecutionStarted, now) { Name = "Twice", Data = "1" });
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.TaskScheduled, now) { TaskId = 0, Name = "Double", Data = "1" });
        result.NewEvents.Add(new HistoryEvent(HistoryEventKind.OrchestratorCompleted, now));
        result.Activities.Add(new ScheduledActivity(0, "Double", "1"));
        return new StepCommit(item, result, item.Messages.Select(m => m.Id).ToList());
    }

    /// <summary>Starts <c>Twice(1)</c> under <paramref name="instanceId"/> and commits its first step by hand, leaving activity Double(1) scheduled.</summary>
    public static async Task StartWithScheduledActivityAsync(DurableHost host, string instanceId)
    {
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", 1, new Orchestration.StartOrchestrationOptions(instanceId));
        var item = Assert.Single(await host.Store.LeaseOrchestrationsAsync(10, CancellationToken.None));
        var report = await host.Store.CommitAsync([ScheduleOneActivity(item, host.Store.Now())], [], CancellationToken.None);
        Assert.Equal(CommitStatus.Committed, report.Steps[0].Status);
    }
}
