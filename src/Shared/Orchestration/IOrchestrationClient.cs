using Qlrf.Paging;

namespace Qlrf.Orchestration;

/// <summary>
/// Starts and manages orchestration instances. It mirrors durabletask-dotnet's <c>DurableTaskClient</c>, so that
/// an adapter can serve it from Durable Functions.
/// </summary>
public interface IOrchestrationClient
{
    /// <summary>
    /// Creates an instance and returns its id (a new one unless <see cref="StartOrchestrationOptions.InstanceId"/>
    /// names it). Reusing the id of a Pending, Running or Suspended instance throws <see cref="Errors.ConflictException"/>;
    /// the id of a terminal instance starts it afresh.
    /// </summary>
    Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends an event to an instance. A Pending instance keeps it for when it starts; a terminal instance drops it;
    /// a missing instance throws <see cref="Errors.NotFoundException"/>.
    /// </summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>The instance's state, or null if there is none.</summary>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Terminates a Pending, Running or Suspended instance (and, if asked, its sub-orchestrations).</summary>
    Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Suspends an instance: it runs no step until resumed; events meanwhile are kept in order.</summary>
    Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance and its history. Purges nothing for an instance that is still live.</summary>
    Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the terminal instances the filter matches.</summary>
    Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Instances by status, name and created range, newest first, a page at a time.</summary>
    Task<Page<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);
}
