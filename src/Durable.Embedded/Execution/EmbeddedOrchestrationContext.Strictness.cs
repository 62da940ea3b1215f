namespace Qlrf.Durable;

/// <summary>
/// Orchestrator code runs only on its step's scheduler. Durable Functions' engine hangs an instance whose code
/// continues elsewhere (the continuation never comes back to its replay scheduler); this runtime fails it instead,
/// with <see cref="OrchestrationLeftSchedulerException"/>, rather than letting it work by luck.
/// </summary>
internal sealed partial class EmbeddedOrchestrationContext
{
    /// <summary>Fails the instance: its code continued outside the orchestration scheduler, <paramref name="how"/>.</summary>
    public void LeftScheduler(string how) => Fail(new OrchestrationLeftSchedulerException(Name, InstanceId, how));

    /// <summary>
    /// The checks at the end of a step, once its continuations have drained: a cancellation requested on a token the code
    /// gave the context whose callbacks did not run here; and an orchestrator still waiting with nothing durable outstanding.
    /// </summary>
    public void CheckStepEnd(bool orchestratorWaiting)
    {
        if (open.Values.Any(t => t.Cancellation.IsCancellationRequested) || AllWaiters().Any(w => !w.IsCancelled && w.Cancellation.IsCancellationRequested))
        {
            LeftScheduler("a cancellation token it gave the context was cancelled, but the cancellation's callbacks did not run in the orchestration "
                + "(CancellationTokenSource.CancelAsync and CancelAfter run them on the thread pool; cancel with Cancel())");
        }
        else if (orchestratorWaiting && open.Count == 0 && !AllWaiters().Any(w => !w.IsCancelled))
        {
            LeftScheduler("its step ended with the orchestrator still waiting and no activity, timer, sub-orchestration or external event outstanding, "
                + "so it awaits a task that is not the context's (Task.Run, Task.Delay, an awaited CancellationTokenSource.CancelAsync)");
        }
    }

    /// <summary>The context's actions may be taken only by orchestrator code running on its scheduler.</summary>
    private void EnsureOnScheduler(string action)
    {
        if (!scheduler.IsRunningCode)
        {
            var left = new OrchestrationLeftSchedulerException(Name, InstanceId,
                $"it called {action} outside the orchestration scheduler (after an await with ConfigureAwait(false), in Task.Run, or in a timer callback)");
            Fail(left);
            throw left;
        }
    }

    /// <summary>A cancellation callback of a token given to the context: true if it runs in the orchestration's code; if not, the instance fails.</summary>
    private bool CancellationRunsHere()
    {
        if (scheduler.IsRunningCode)
        {
            return true;
        }

        LeftScheduler("a cancellation token it gave the context was cancelled outside the orchestration scheduler "
            + "(CancellationTokenSource.CancelAsync and CancelAfter run the callbacks on the thread pool; cancel with Cancel())");
        return false;
    }

    private IEnumerable<IEventWaiter> AllWaiters() => waiters.Values.SelectMany(line => line);
}
