using System.Diagnostics.CodeAnalysis;

namespace Qlrf.Durable;

/// <summary>External events: delivered to waiters first in, first out per name; buffered when nobody waits.</summary>
internal sealed partial class EmbeddedOrchestrationContext
{
    private readonly Dictionary<string, Queue<IEventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<BufferedEvent>> buffered = new(StringComparer.OrdinalIgnoreCase);
    private long arrivals;

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsureOnScheduler($"WaitForExternalEvent('{eventName}')");
        if (buffered.TryGetValue(eventName, out var queue) && queue.TryDequeue(out var arrived))
        {
            if (queue.Count == 0)
            {
                buffered.Remove(eventName);
            }

            var waiter = new EventWaiter<T>();
            waiter.Deliver(arrived.Data);
            return waiter.Task;
        }

        var pending = new EventWaiter<T>();
        if (!waiters.TryGetValue(eventName, out var line))
        {
            waiters[eventName] = line = new Queue<IEventWaiter>();
        }

        line.Enqueue(pending);
        if (cancellationToken.CanBeCanceled)
        {
            pending.Cancellation = cancellationToken;
            pending.Registration = cancellationToken.Register(() =>
            {
                if (CancellationRunsHere())
                {
                    pending.Cancel(cancellationToken);
                }
            });
        }

        return pending.Task;
    }

    [SuppressMessage("Reliability", "CA1849:Call async methods when in an async method", Justification = "Orchestrator code runs on its own scheduler: cancellation must run its callbacks here, synchronously, to stay deterministic.")]
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CreateTimer(timeout, timerCancellation.Token);
        var received = WaitForExternalEvent<T>(eventName, eventCancellation.Token);
        var winner = await Task.WhenAny(received, timer);
        if (winner == received)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return await received;
    }

    /// <summary>Hands an event to its oldest waiter, or buffers it.</summary>
    public void DeliverEvent(string name, string? data)
    {
        if (waiters.TryGetValue(name, out var line))
        {
            while (line.TryDequeue(out var waiter))
            {
                if (!waiter.IsCancelled)
                {
                    if (line.Count == 0)
                    {
                        waiters.Remove(name);
                    }

                    waiter.Deliver(data);
                    return;
                }
            }

            waiters.Remove(name);
        }

        if (!buffered.TryGetValue(name, out var queue))
        {
            buffered[name] = queue = new Queue<BufferedEvent>();
        }

        queue.Enqueue(new BufferedEvent(arrivals++, name, data));
    }

    /// <summary>The events received and never awaited, in arrival order (what ContinueAsNew carries over).</summary>
    public List<(string Name, string? Data)> TakeBufferedEvents()
    {
        var events = buffered.Values.SelectMany(q => q).OrderBy(e => e.Arrival).Select(e => (e.Name, e.Data)).ToList();
        buffered.Clear();
        return events;
    }

    private sealed record BufferedEvent(long Arrival, string Name, string? Data);

    private interface IEventWaiter
    {
        bool IsCancelled { get; }

        CancellationToken Cancellation { get; }

        void Deliver(string? data);
    }

    private sealed class EventWaiter<T> : IEventWaiter
    {
        private readonly TaskCompletionSource<T> completion = new();

        public Task<T> Task => completion.Task;

        public CancellationTokenRegistration Registration { get; set; }

        public CancellationToken Cancellation { get; set; }

        public bool IsCancelled => completion.Task.IsCanceled;

        public void Deliver(string? data)
        {
            Registration.Unregister();
            try
            {
                completion.TrySetResult(PayloadCodec.Deserialize<T>(data)!);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
            {
                completion.TrySetException(ex);
            }
        }

        public void Cancel(CancellationToken token) => completion.TrySetCanceled(token);
    }
}
