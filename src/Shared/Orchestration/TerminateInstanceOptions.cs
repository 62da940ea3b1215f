namespace Qlrf.Orchestration;

/// <summary>Options of a termination: the output to record (a reason) and whether sub-orchestrations go too.</summary>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
