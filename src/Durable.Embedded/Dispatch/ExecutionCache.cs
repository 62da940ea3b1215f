namespace Qlrf.Durable;

/// <summary>
/// Live executions of running instances, kept between steps (least recently used first out), so that a step
/// continues the code where it stopped instead of replaying its history. An entry is used only if it is at
/// exactly the stored history's length; anything else replays.
/// </summary>
internal sealed class ExecutionCache(int capacity)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<OrchestrationExecution>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecution> order = new();

    /// <summary>Takes the instance's execution out of the cache if it matches the stored generation and history length.</summary>
    public OrchestrationExecution? Take(string instanceId, int generation, int historyCount)
    {
        lock (gate)
        {
            if (!entries.Remove(instanceId, out var node))
            {
                return null;
            }

            order.Remove(node);
            return node.Value.Generation == generation && node.Value.HistoryCount == historyCount ? node.Value : null;
        }
    }

    public void Put(OrchestrationExecution execution)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (gate)
        {
            if (entries.Remove(execution.InstanceId, out var old))
            {
                order.Remove(old);
            }

            entries[execution.InstanceId] = order.AddFirst(execution);
            while (entries.Count > capacity && order.Last is { } last)
            {
                order.RemoveLast();
                entries.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Evict(string instanceId)
    {
        lock (gate)
        {
            if (entries.Remove(instanceId, out var node))
            {
                order.Remove(node);
            }
        }
    }
}
