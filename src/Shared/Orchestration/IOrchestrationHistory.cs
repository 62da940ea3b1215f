namespace Qlrf.Orchestration;

/// <summary>Reads an instance's history for operators (the admin endpoint).</summary>
public interface IOrchestrationHistory
{
    /// <summary>A summary of the instance's current history (its latest events, newest last), or null if there is no such instance.</summary>
    Task<OrchestrationHistorySummary?> GetHistorySummaryAsync(string instanceId, int recentEvents, CancellationToken cancellationToken = default);
}

/// <summary>
/// An instance's history in brief: the generation (ContinueAsNew count), how many events of each type, and the last ones.
/// </summary>
public sealed record OrchestrationHistorySummary(
    int Generation,
    int EventCount,
    IReadOnlyDictionary<string, int> CountsByType,
    IReadOnlyList<HistoryEventSummary> RecentEvents);

/// <summary>One history event: its position, type, task id and name (activity, timer, event), and when it was recorded.</summary>
public sealed record HistoryEventSummary(int Sequence, string EventType, int? TaskId, string? Name, DateTimeOffset Timestamp);
