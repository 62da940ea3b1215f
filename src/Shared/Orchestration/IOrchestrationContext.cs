using Microsoft.Extensions.Logging;

namespace Qlrf.Orchestration;

/// <summary>
/// What an orchestrator sees of its runtime: work (activities, sub-orchestrations), waiting (durable timers,
/// external events) and deterministic state. It mirrors durabletask-dotnet's <c>TaskOrchestrationContext</c>
/// member for member, so the embedded runtime and Durable Functions run the same orchestrator code.
/// </summary>
/// <remarks>
/// Orchestrator code is replayed from history and must be deterministic: time comes from
/// <see cref="CurrentUtcDateTime"/>, ids from <see cref="NewGuid"/>; no I/O, <c>Task.Delay</c>, <c>Task.Run</c>,
/// <c>ConfigureAwait(false)</c> or wall clock. Every effect is an activity.
/// </remarks>
public interface IOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    string Name { get; }

    string InstanceId { get; }

    /// <summary>The orchestration that started this one as a sub-orchestration, if any.</summary>
    ParentOrchestrationInstance? Parent { get; }

    /// <summary>The time of the current step (its OrchestratorStarted event); the same on every replay.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps already in history.</summary>
    bool IsReplaying { get; }

    /// <summary>The instance's input, read as <typeparamref name="T"/>.</summary>
    T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result; a failure throws <see cref="TaskFailedException"/>.</summary>
    /// <param name="name">The activity's registered name (use <c>nameof</c>).</param>
    /// <param name="input">Its input, serialized as JSON.</param>
    /// <param name="options">Options, such as a retry policy; each retry is a new scheduled task.</param>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <inheritdoc cref="CallActivityAsync{TResult}(string, object?, TaskOptions?)"/>
    Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null);

    /// <summary>
    /// Starts a sub-orchestration and returns its output; its failure throws <see cref="TaskFailedException"/>
    /// carrying the sub-orchestration's failure details. Pass <see cref="SubOrchestrationOptions"/> to choose its id.
    /// </summary>
    Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <inheritdoc cref="CallSubOrchestratorAsync{TResult}(string, object?, TaskOptions?)"/>
    Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>A durable timer that fires at or after <paramref name="fireAt"/> (UTC) and survives restarts.</summary>
    /// <param name="fireAt">When to fire.</param>
    /// <param name="cancellationToken">Cancels the timer; a cancelled timer no longer keeps the instance running.</param>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires <paramref name="delay"/> after <see cref="CurrentUtcDateTime"/>.</summary>
    Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an external event. Names are case-insensitive; an event that arrived before anyone waited
    /// is buffered and handed out first in, first out, per name.
    /// </summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an external event, racing a durable timer: whichever loses is cancelled. On timeout the
    /// returned task is cancelled (throws <see cref="TaskCanceledException"/>).
    /// </summary>
    Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Sends an event to another instance (fire and forget).</summary>
    void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status clients see; serialized as JSON, at most 16 KB.</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Restarts this instance with a new input and an empty history once the orchestrator returns. With
    /// <paramref name="preserveUnprocessedEvents"/>, events received but not yet awaited carry over to the new generation.
    /// </summary>
    void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>A deterministic, name-based (version 5) UUID: the same on every replay.</summary>
    Guid NewGuid();

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
