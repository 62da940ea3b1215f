namespace Qlrf.Durable;

/// <summary>A leased instance and the inbox messages visible when it was leased.</summary>
internal sealed record OrchestrationWorkItem(InstanceRecord Instance, long LockToken, IReadOnlyList<InboxMessage> Messages);

/// <summary>A leased activity call.</summary>
internal sealed record ActivityWorkItem(long Id, string InstanceId, int Generation, int TaskId, string Name, string? Input, long LockToken, int DispatchCount);

/// <summary>An activity's result, to be committed against its lease.</summary>
internal sealed record ActivityResult(ActivityWorkItem Item, string? Output, Orchestration.TaskFailureDetails? Failure);

/// <summary>An activity to schedule.</summary>
internal sealed record ScheduledActivity(int TaskId, string Name, string? Input);

/// <summary>A sub-orchestration to create.</summary>
internal sealed record ScheduledSubOrchestration(int TaskId, string Name, string InstanceId, string? Input);
