namespace Qlrf.Durable;

/// <summary>Durable timers.</summary>
internal sealed partial class EmbeddedOrchestrationContext
{
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utc = fireAt.Kind switch
        {
            DateTimeKind.Local => fireAt.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(fireAt, DateTimeKind.Utc),
            _ => fireAt,
        };
        var at = DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(utc).ToUnixTimeMilliseconds());
        var id = Schedule(ActionKind.Timer, null, null, fireAt: at);
        var completion = new TaskCompletionSource();
        var registration = default(CancellationTokenRegistration);
        Open(id, ActionKind.Timer, null, _ =>
        {
            registration.Unregister();
            completion.TrySetResult();
        }, cancellationToken);
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.Register(() => CancelTimer(id, completion, cancellationToken));
        }

        return completion.Task;
    }

    /// <summary>A cancelled timer is no longer open: it does not keep the instance running, and its firing is ignored.</summary>
    private void CancelTimer(int id, TaskCompletionSource completion, CancellationToken cancellationToken)
    {
        if (!CancellationRunsHere())
        {
            return;
        }

        if (open.Remove(id))
        {
            cancelledTimers.Add(id);
            completion.TrySetCanceled(cancellationToken);
        }
    }
}
