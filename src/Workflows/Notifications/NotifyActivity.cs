using Qlrf.Channels.Delivery;
using Qlrf.Notifications;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Notifications;

/// <summary>
/// Enqueues a notification for every enabled channel and returns at once; delivery (with its retries)
/// happens apart, so a slow channel never holds the workflow up. Idempotent by notification id.
/// </summary>
public sealed class NotifyActivity(NotificationDispatcher dispatcher) : Activity<Notification, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, Notification input)
    {
        await dispatcher.NotifyAsync(input, context.CancellationToken);
        return true;
    }
}
