namespace Qlrf.Durable;

/// <summary>
/// Runs an orchestrator's continuations one at a time, on the thread that drives its step, in the order they
/// become ready. Nothing runs until <see cref="RunUntilIdle"/>, so each history event's effects are complete
/// before the next event applies: that is what makes replay deterministic.
/// </summary>
internal sealed class OrchestrationScheduler : TaskScheduler
{
    private readonly Lock gate = new();
    private readonly Queue<Task> ready = new();

    public void RunUntilIdle()
    {
        while (true)
        {
            Task? next;
            lock (gate)
            {
                if (!ready.TryDequeue(out next))
                {
                    return;
                }
            }

            TryExecuteTask(next);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (gate)
        {
            ready.Enqueue(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (gate)
        {
            return [.. ready];
        }
    }
}
