using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Kinds of message in an instance's inbox. Stored as snake_case text.</summary>
internal enum MessageKind
{
    ExecutionStarted,
    TaskCompleted,
    TaskFailed,
    TimerFired,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventRaised,
    Terminate,
    Suspend,
    Resume,
}

/// <summary>A message in an instance's inbox, as fetched.</summary>
/// <param name="Id">Its position: messages apply in id order.</param>
/// <param name="Kind">What it carries.</param>
/// <param name="Generation">The generation it is for; null for whichever is current (client messages).</param>
internal sealed record InboxMessage(long Id, MessageKind Kind, int? Generation)
{
    public int TaskId { get; init; } = -1;

    public string? Name { get; init; }

    public string? Data { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTimeOffset VisibleAt { get; init; }
}

/// <summary>A message to write into an instance's inbox.</summary>
/// <param name="InstanceId">The recipient.</param>
/// <param name="Generation">The recipient generation it is for; null for whichever is current.</param>
/// <param name="Kind">What it carries.</param>
internal sealed record OutboundMessage(string InstanceId, int? Generation, MessageKind Kind)
{
    public int TaskId { get; init; } = -1;

    public string? Name { get; init; }

    public string? Data { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>When it may be processed: now, or a timer's fire time. Null means the commit's time.</summary>
    public DateTimeOffset? VisibleAt { get; init; }
}

/// <summary>The payload of a terminate message.</summary>
internal sealed record TerminateRequest(string? Output, bool Recursive);
