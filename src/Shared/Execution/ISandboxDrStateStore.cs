namespace Qlrf.Execution;

/// <summary>
/// The sandbox DR simulator's state per pair: its jobs and what they did, as one document. Persisted so a
/// host restarted mid-drill carries on from the recorded timestamps.
/// </summary>
public interface ISandboxDrStateStore
{
    /// <summary>The pair's state as a JSON document, or null when the simulator has never touched it.</summary>
    Task<string?> GetAsync(string organisation, string pairId, CancellationToken cancellationToken);

    Task SaveAsync(string organisation, string pairId, string document, CancellationToken cancellationToken);
}
