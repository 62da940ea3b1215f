using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>An instance's row as the dispatcher leases it.</summary>
internal sealed record InstanceRecord(string InstanceId, string Name, OrchestrationRuntimeStatus Status, int Generation)
{
    public string? Input { get; init; }

    public string? CustomStatus { get; init; }

    public ParentLink? Parent { get; init; }

    /// <summary>Events in the current generation's history.</summary>
    public int HistoryCount { get; init; }

    /// <summary>Leases of this instance since it last completed a step, this one included.</summary>
    public int DispatchCount { get; init; }

    /// <summary>Why the last lease ended without a step, if it did.</summary>
    public string? LastError { get; init; }
}

/// <summary>The orchestration that started an instance, and the task of its that waits for it.</summary>
internal sealed record ParentLink(string InstanceId, string Name, int Generation, int TaskId);
