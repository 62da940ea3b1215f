using Microsoft.Extensions.Logging;
using Qlrf.Orchestration;
using Theirs = Microsoft.DurableTask;

namespace Qlrf.Durable.Functions;

/// <summary>
/// Serves our <see cref="IOrchestrationContext"/> from Durable Functions' <see cref="Theirs.TaskOrchestrationContext"/>,
/// member for member. Failed tasks surface as our <see cref="TaskFailedException"/> with the same details; payloads
/// go through Durable's data converter, which the Functions apps set to our JSON conventions.
/// </summary>
public sealed class DurableOrchestrationContext(Theirs.TaskOrchestrationContext inner, ILoggerFactory loggers) : IOrchestrationContext
{
    public string Name => inner.Name.Name;

    public string InstanceId => inner.InstanceId;

    public ParentOrchestrationInstance? Parent =>
        inner.Parent is { } parent ? new ParentOrchestrationInstance(parent.Name.Name, parent.InstanceId) : null;

    public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public T? GetInput<T>() => inner.GetInput<T>();

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null) =>
        Translate(inner.CallActivityAsync<TResult>(name, input, options.ToDurable()));

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        Translate(inner.CallActivityAsync(name, input, options.ToDurable()));

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        Translate(inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input: input, options: options.ToDurable()));

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        Translate(inner.CallSubOrchestratorAsync<object?>(orchestratorName, input: input, options: options.ToDurable()));

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => inner.CreateTimer(inner.CurrentUtcDateTime.Add(delay), cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    /// <summary>The event raced against a durable timer; the loser is cancelled, and a timeout cancels the returned task.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCancel = new CancellationTokenSource();
        using var eventCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = inner.CreateTimer(inner.CurrentUtcDateTime.Add(timeout), timerCancel.Token);
        var received = inner.WaitForExternalEvent<T>(eventName, eventCancel.Token);
        // Cancel synchronously: an awaited CancelAsync continues on the thread pool, outside Durable's replay
        // scheduler, and the instance would never complete (neither on the event nor on the timeout).
        if (await Task.WhenAny(received, timer) == received)
        {
            timerCancel.Cancel();
        }
        else
        {
            eventCancel.Cancel();
        }

        return await received;
    }

    public void SendEvent(string instanceId, string eventName, object? payload) => inner.SendEvent(instanceId, eventName, payload!);

    public void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) => inner.ContinueAsNew(newInput!, preserveUnprocessedEvents);

    public Guid NewGuid() => inner.NewGuid();

    public ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(loggers.CreateLogger(categoryName), () => inner.IsReplaying);

    private static async Task<T> Translate<T>(Task<T> task)
    {
        try
        {
            return await task;
        }
        catch (Theirs.TaskFailedException failed)
        {
            throw failed.ToOurs();
        }
    }

    private static async Task Translate(Task task)
    {
        try
        {
            await task;
        }
        catch (Theirs.TaskFailedException failed)
        {
            throw failed.ToOurs();
        }
    }
}
