namespace Qlrf.Orchestration;

/// <summary>Options of a new instance: its id (default a new GUID).</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null);
