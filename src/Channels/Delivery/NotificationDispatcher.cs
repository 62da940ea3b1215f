using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Links;
using Qlrf.Notifications;

namespace Qlrf.Channels.Delivery;

/// <summary>
/// Delivers due notifications through their channels, retrying failures with exponential backoff up to
/// the maximum attempts. Workflows only enqueue; this runs apart from them, so a slow or failing
/// channel never holds a workflow up. An approval request gets the signed approval links of each
/// configured recipient in its data (<see cref="ApproveUrlKey"/>, <see cref="RejectUrlKey"/>), which the
/// webhook carries to whoever mails them.
/// </summary>
public sealed class NotificationDispatcher(
    INotificationOutbox outbox,
    IEnumerable<INotificationSender> senders,
    IOptions<NotificationOptions> options,
    ApprovalLinkIssuer links,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    /// <summary>The app setting holding the delivery timer's schedule.</summary>
    public const string ScheduleSetting = "QLRF_NOTIFICATION_SCHEDULE";

    /// <summary>Every 5 seconds. The local host also runs it as soon as a notification is enqueued.</summary>
    public const string DefaultSchedule = "*/5 * * * * *";

    private const int BatchSize = 50;

    /// <summary>The channels notifications go to now.</summary>
    public IReadOnlyList<string> EnabledChannels => senders.Where(s => s.Enabled).Select(s => s.Channel).ToList();

    /// <summary>The data key of a recipient's approve link: <c>approveUrl:{recipient}</c>.</summary>
    public static string ApproveUrlKey(string recipient) => "approveUrl:" + recipient;

    /// <summary>The data key of a recipient's reject link: <c>rejectUrl:{recipient}</c>.</summary>
    public static string RejectUrlKey(string recipient) => "rejectUrl:" + recipient;

    /// <summary>Enqueues a notification for every enabled channel.</summary>
    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return outbox.EnqueueAsync(WithLinks(notification), EnabledChannels, cancellationToken);
    }

    /// <summary>The delivery timer's function: delivers batches until nothing is due; returns how many deliveries it attempted.</summary>
    public async Task<int> DeliverAllDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int attempted;
        do
        {
            attempted = await DeliverDueAsync(cancellationToken);
            total += attempted;
        }
        while (attempted == BatchSize && !cancellationToken.IsCancellationRequested);
        return total;
    }

    /// <summary>Delivers one batch of what is due; returns how many deliveries it attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(BatchSize, cancellationToken);
        foreach (var delivery in due)
        {
            await DeliverAsync(delivery, cancellationToken);
        }

        return due.Count;
    }

    private Notification WithLinks(Notification notification)
    {
        if (notification is not { Event: NotificationEvent.AwaitingApproval, Approval: { } view } || !links.Enabled)
        {
            return notification;
        }

        var data = new Dictionary<string, string>(notification.Data, StringComparer.Ordinal);
        foreach (var issued in links.Issue(notification.Organisation, view.ApprovalId, view.ExpiresAt))
        {
            data[ApproveUrlKey(issued.Recipient)] = issued.Approve.ToString();
            data[RejectUrlKey(issued.Recipient)] = issued.Reject.ToString();
        }

        return notification with { Data = data };
    }

    private async Task DeliverAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        var sender = senders.FirstOrDefault(s => s.Channel == delivery.Channel && s.Enabled);
        if (sender is null)
        {
            await outbox.FailedAsync(delivery, $"Channel '{delivery.Channel}' is not enabled.", null, cancellationToken);
            return;
        }

        var n = delivery.Notification;
        var original = n.Replaces is null ? null : await outbox.FindAsync(n.Organisation, n.Replaces, delivery.Channel, cancellationToken);
        if (original is { Status: NotificationDeliveryStatus.Pending })
        {
            // An outcome waits for the message it replaces, so it updates that message instead of posting another.
            await outbox.DeferAsync(delivery, time.GetUtcNow() + options.Value.RetryDelay, cancellationToken);
            return;
        }

        try
        {
            var replaceRef = original?.MessageRef;
            var messageRef = await sender.SendAsync(n, replaceRef, cancellationToken);
            await outbox.DeliveredAsync(delivery, messageRef, cancellationToken);
            ChannelLogs.Delivered(logger, n.Id, delivery.Channel, n.Event);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var attempt = delivery.Attempts + 1;
            DateTimeOffset? retryAt = attempt >= settings.MaxAttempts
                ? null
                : time.GetUtcNow() + TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20))));
            await outbox.FailedAsync(delivery, ex.Message, retryAt, cancellationToken);
            ChannelLogs.DeliveryFailed(logger, n.Id, delivery.Channel, attempt, retryAt is null, ex.Message);
        }
    }
}
