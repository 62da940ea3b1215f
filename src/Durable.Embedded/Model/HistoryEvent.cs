using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>One event of an instance's history.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When it was recorded (the step's time).</param>
internal sealed record HistoryEvent(HistoryEventKind Kind, DateTimeOffset Timestamp)
{
    /// <summary>The sequence id of the action the event records or finishes; -1 for none.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>The activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>A sub-orchestration's instance id, or the target of a sent event.</summary>
    public string? Target { get; init; }

    /// <summary>JSON: an input, a result, an event payload, an output.</summary>
    public string? Data { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>A timer's fire time.</summary>
    public DateTimeOffset? FireAt { get; init; }
}
