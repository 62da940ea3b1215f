using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.UnitTests.Support;

/// <summary>
/// A hand-driven orchestration context for orchestrator unit tests. Activities and sub-orchestrations are
/// answered by handlers the test registers (payloads round-trip through JSON, as on a real runtime);
/// timers fire when the test advances the clock; events are raised by the test, and buffered when nobody
/// waits. Continuations run inline, so after each call the orchestrator has gone as far as it can.
/// </summary>
public sealed class FakeOrchestrationContext(string instanceId = "instance-1", DateTime? start = null) : IOrchestrationContext
{
    private readonly Dictionary<string, Func<JsonElement?, object?>> handlers = new(StringComparer.Ordinal);
    private readonly List<(DateTime FireAt, TaskCompletionSource Source)> timers = [];
    private readonly Dictionary<string, Queue<string?>> buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Action<string?>>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private int guids;

    public string Name => "Fake";

    public string InstanceId { get; } = instanceId;

    public ParentOrchestrationInstance? Parent => null;

    public DateTime CurrentUtcDateTime { get; private set; } = start ?? new DateTime(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);

    public bool IsReplaying => false;

    public object? Input { get; set; }

    /// <summary>Every activity and sub-orchestration called, in order, with its input as JSON.</summary>
    public List<(string Name, string? Input)> Calls { get; } = [];

    public List<string?> CustomStatuses { get; } = [];

    public int OpenTimers => timers.Count(t => !t.Source.Task.IsCompleted);

    public FakeOrchestrationContext On<TInput, TResult>(string name, Func<TInput, TResult> handler)
    {
        handlers[name] = json => handler(json is { } j ? j.Deserialize<TInput>(QlrfJson.Options)! : default!);
        return this;
    }

    /// <summary>Moves the clock, firing due timers in time order.</summary>
    public void Advance(TimeSpan by)
    {
        var until = CurrentUtcDateTime + by;
        while (timers.Where(t => !t.Source.Task.IsCompleted && t.FireAt <= until).OrderBy(t => t.FireAt).FirstOrDefault() is { Source: not null } next)
        {
            CurrentUtcDateTime = next.FireAt > CurrentUtcDateTime ? next.FireAt : CurrentUtcDateTime;
            next.Source.TrySetResult();
        }

        CurrentUtcDateTime = until;
    }

    public void RaiseEvent(string name, object? payload)
    {
        var json = JsonSerializer.Serialize(payload, QlrfJson.Options);
        if (waiters.TryGetValue(name, out var list) && list.Count > 0)
        {
            var waiter = list[0];
            list.RemoveAt(0);
            waiter(json);
            return;
        }

        if (!buffered.TryGetValue(name, out var queue))
        {
            buffered[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(json);
    }

    public T? GetInput<T>() => Input is T t ? t : default;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        var json = JsonSerializer.Serialize(input, QlrfJson.Options);
        Calls.Add((name, json));
        if (!handlers.TryGetValue(name, out var handler))
        {
            throw new InvalidOperationException($"The test registered no handler for '{name}'.");
        }

        object? result;
        try
        {
            result = handler(JsonDocument.Parse(json).RootElement.Clone());
        }
        catch (Exception ex)
        {
            throw new TaskFailedException(name, Calls.Count, TaskFailureDetails.FromException(ex));
        }

        await Task.CompletedTask;
        return JsonSerializer.Deserialize<TResult>(JsonSerializer.Serialize(result, QlrfJson.Options), QlrfJson.Options)!;
    }

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) => CallActivityAsync<object?>(name, input, options);

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<TResult>(orchestratorName, input, options);

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(orchestratorName, input, options);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var source = new TaskCompletionSource();
        if (fireAt <= CurrentUtcDateTime)
        {
            source.SetResult();
            return source.Task;
        }

        timers.Add((fireAt, source));
        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        return source.Task;
    }

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var source = new TaskCompletionSource<T>();
        if (buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            source.SetResult(JsonSerializer.Deserialize<T>(queue.Dequeue()!, QlrfJson.Options)!);
            return source.Task;
        }

        if (!waiters.TryGetValue(eventName, out var list))
        {
            waiters[eventName] = list = [];
        }

        Action<string?> waiter = json => source.TrySetResult(JsonSerializer.Deserialize<T>(json!, QlrfJson.Options)!);
        list.Add(waiter);
        cancellationToken.Register(() =>
        {
            list.Remove(waiter);
            source.TrySetCanceled(cancellationToken);
        });
        return source.Task;
    }

    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = WaitForExternalEvent<T>(eventName, cancel.Token);
        var timer = CreateTimer(timeout, cancel.Token);
        var winner = await Task.WhenAny(wait, timer);
        await cancel.CancelAsync();
        return winner == wait ? await wait : throw new TaskCanceledException($"No '{eventName}' event within {timeout}.");
    }

    public List<(string InstanceId, string EventName, object? Payload)> SentEvents { get; } = [];

    public void SendEvent(string instanceId, string eventName, object? payload) => SentEvents.Add((instanceId, eventName, payload));

    public void SetCustomStatus(object? customStatus) => CustomStatuses.Add(JsonSerializer.Serialize(customStatus, QlrfJson.Options));

    public object? ContinuedAsNewWith { get; private set; }

    public void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) => ContinuedAsNewWith = newInput;

    public Guid NewGuid() => new(++guids, 0, 0, new byte[8]);

    public ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;
}
