namespace Qlrf.Durable;

/// <summary>
/// Runs an orchestrator's continuations one at a time, on the thread that drives its step, in the order they
/// become ready. Nothing runs until <see cref="RunUntilIdle"/>, so each history event's effects are complete
/// before the next event applies: that is what makes replay deterministic.
/// A continuation queued from any other thread (the orchestrator awaited a task that completes elsewhere: Task.Run,
/// Task.Delay, an awaited CancelAsync) is not run: it is reported to <paramref name="leftScheduler"/>, and the step
/// fails the instance.
/// </summary>
internal sealed class OrchestrationScheduler(Action<string> leftScheduler) : TaskScheduler
{
    private readonly Lock gate = new();
    private readonly Queue<Task> ready = new();
    private volatile int stepThread;

    /// <summary>True on the thread running a step, inside one of this scheduler's tasks: where orchestrator code must run.</summary>
    public bool IsRunningCode => Current == this && Environment.CurrentManagedThreadId == stepThread;

    /// <summary>True on the thread running a step (inside or outside the orchestrator's code).</summary>
    public bool IsOnStepThread => Environment.CurrentManagedThreadId == stepThread;

    /// <summary>Marks the calling thread as the one that drives the execution until the returned scope ends.</summary>
    public StepScope EnterStep()
    {
        stepThread = Environment.CurrentManagedThreadId;
        return new StepScope(this);
    }

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
        if (Environment.CurrentManagedThreadId != stepThread)
        {
            leftScheduler("one of its continuations was queued from another thread, so it awaited a task that completes outside "
                + "the orchestration (Task.Run, Task.Delay or another wall-clock timer, an awaited CancellationTokenSource.CancelAsync)");
            return;
        }

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

    /// <summary>The span of one step (or replay) on one thread.</summary>
    internal readonly struct StepScope(OrchestrationScheduler scheduler) : IDisposable
    {
        public void Dispose() => scheduler.stepThread = 0;
    }
}
