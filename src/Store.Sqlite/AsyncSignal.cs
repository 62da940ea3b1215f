namespace Qlrf.Store.Sqlite;

/// <summary>
/// An auto-reset wake-up for in-process waiters (a queue's consumer, a dispatcher). A signal given while
/// nobody waits is kept, so the next wait returns at once and no wake-up is lost.
/// </summary>
public sealed class AsyncSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool pending;

    public void Set()
    {
        TaskCompletionSource toComplete;
        lock (gate)
        {
            pending = true;
            toComplete = waiter;
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        toComplete.TrySetResult();
    }

    /// <summary>Waits for a signal or the timeout; returns true if signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            if (pending)
            {
                pending = false;
                return true;
            }

            task = waiter.Task;
        }

        try
        {
            await task.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        lock (gate)
        {
            pending = false;
        }

        return true;
    }
}
