namespace Qlrf.Durable.Tests.Support;

/// <summary>Checks that an instance's history was written exactly once: no step, action, result or event twice, and no gap.</summary>
internal static class HistoryAudit
{
    public static void AssertWrittenOnce(DurableHost host, string instanceId)
    {
        var steps = Probe.Steps(host, instanceId);
        var position = 0;
        foreach (var (seq, count, events) in steps)
        {
            Assert.True(seq == position, $"{instanceId}: a step starts at {seq}, expected {position} (a step written twice or lost)");
            Assert.Equal(HistoryEventKind.OrchestratorStarted, events[0].Kind);
            Assert.Equal(HistoryEventKind.OrchestratorCompleted, events[^1].Kind);
            Assert.Equal(count, events.Count);
            position += count;
        }

        Assert.Equal(position, Probe.Scalar(host, "SELECT history_count FROM durable_instances WHERE instance_id = $i", ("$i", instanceId)));
        var history = steps.SelectMany(s => s.Events).ToList();
        Assert.Single(history, e => e.Kind == HistoryEventKind.ExecutionStarted);
        Assert.Single(history, e => e.Kind == HistoryEventKind.ExecutionCompleted);
        foreach (var group in history.Where(e => e.Kind.IsAction()).GroupBy(e => e.TaskId))
        {
            Assert.True(group.Count() == 1, $"{instanceId}: action {group.Key} recorded {group.Count()} times");
        }

        foreach (var group in history.Where(e => e.Kind.IsTaskResult()).GroupBy(e => e.TaskId))
        {
            Assert.True(group.Count() == 1, $"{instanceId}: result of task {group.Key} recorded {group.Count()} times");
        }

        foreach (var group in history.Where(e => e.Kind == HistoryEventKind.EventRaised).GroupBy(e => e.Name))
        {
            Assert.True(group.Count() == 1, $"{instanceId}: event {group.Key} recorded {group.Count()} times");
        }
    }
}
