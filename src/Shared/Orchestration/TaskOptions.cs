namespace Qlrf.Orchestration;

/// <summary>Options of a scheduled activity or sub-orchestration.</summary>
/// <param name="Retry">Retries failed attempts with a durable delay between them.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options of a sub-orchestration: its instance id (by default a deterministic <c>NewGuid</c>) and retries.</summary>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
