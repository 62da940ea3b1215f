using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>The failures the runtime itself reports, each with a stable error type.</summary>
internal static class RuntimeErrors
{
    public const string UnknownTaskName = "Qlrf.Durable.UnknownTaskName";
    public const string PayloadTooLarge = "Qlrf.Durable.PayloadTooLarge";
    public const string PoisonMessage = "Qlrf.Durable.PoisonMessage";
    public const string MaxActionsExceeded = "Qlrf.Durable.MaxActionsExceeded";
    public const string Terminated = "Qlrf.Durable.Terminated";
    public const string InstanceAlreadyExists = "Qlrf.Durable.InstanceAlreadyExists";

    public static TaskFailureDetails UnknownOrchestrator(string name, IEnumerable<string> known) =>
        new(UnknownTaskName, $"No orchestrator named '{name}' is registered (registered: {List(known)}).", IsNonRetriable: true);

    public static TaskFailureDetails UnknownActivity(string name, IEnumerable<string> known) =>
        new(UnknownTaskName, $"No activity named '{name}' is registered (registered: {List(known)}).", IsNonRetriable: true);

    public static TaskFailureDetails Poison(string what, int dispatches, string? lastError) =>
        new(PoisonMessage, $"The {what} was dispatched {dispatches} times without completing (Qlrf:Durable:MaxDispatchCount)"
            + (lastError is null ? "." : $"; last error: {lastError}"), IsNonRetriable: true);

    public static TaskFailureDetails TerminatedChild(string instanceId, string? output) =>
        new(Terminated, $"The sub-orchestration '{instanceId}' was terminated{(output is null ? "." : $": {output}")}", IsNonRetriable: true);

    private static string List(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.OrdinalIgnoreCase).Take(50).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}

/// <summary>A payload over <c>Qlrf:Durable:MaxPayloadBytes</c>.</summary>
public sealed class PayloadTooLargeException(string what, int bytes, int limit)
    : Exception($"The {what} is {bytes} bytes of JSON; the most allowed is {limit} (Qlrf:Durable:MaxPayloadBytes).");

/// <summary>
/// The orchestrator's code no longer matches its history: at some sequence id it schedules a different action
/// (or none) than it did when the history was written. The instance fails with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);

/// <summary>An orchestration scheduled more actions than <c>Qlrf:Durable:MaxActions</c> allows.</summary>
public sealed class MaxActionsExceededException(int limit)
    : Exception($"The orchestration scheduled more than {limit} actions (Qlrf:Durable:MaxActions).");

/// <summary>
/// Orchestrator code continued outside its orchestration scheduler: it awaited a task that completes elsewhere (Task.Run,
/// Task.Delay or another wall-clock timer, an awaited CancellationTokenSource.CancelAsync), or ran on after an await
/// with ConfigureAwait(false). Durable Functions would leave such an instance hanging; the embedded runtime fails it with this.
/// </summary>
public sealed class OrchestrationLeftSchedulerException(string orchestrator, string instanceId, string how)
    : Exception($"The orchestrator '{orchestrator}' (instance '{instanceId}') continued outside the orchestration scheduler: {how}. "
        + "Orchestrator code may await only the context's tasks (activities, sub-orchestrations, durable timers, external events), "
        + "without ConfigureAwait(false), and must not start work elsewhere.");
