using System.Collections.Concurrent;

namespace Qlrf.Durable;

/// <summary>In-process notice that an instance reached a terminal status, for clients waiting on it.</summary>
internal sealed class CompletionWatchers
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> watchers = new(StringComparer.Ordinal);

    /// <summary>A task that completes when <see cref="Notify"/> is next called for the instance. Take it before reading the instance's state.</summary>
    public Task Watch(string instanceId) =>
        watchers.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string instanceId)
    {
        if (watchers.TryRemove(instanceId, out var watcher))
        {
            watcher.TrySetResult();
        }
    }
}
