namespace Qlrf.Notifications;

/// <summary>
/// Notifications waiting to go out, one delivery per channel. Enqueueing is quick and idempotent, so a
/// workflow never waits for Slack or Teams; a dispatcher delivers with retries and backoff.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Records the notification for each channel; a notification already recorded is left as it is.</summary>
    Task EnqueueAsync(Notification notification, IReadOnlyCollection<string> channels, CancellationToken cancellationToken);

    /// <summary>Deliveries due now, oldest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> DueAsync(int max, CancellationToken cancellationToken);

    /// <summary>Marks a delivery done, keeping the channel's reference to the message (to update it later).</summary>
    Task DeliveredAsync(NotificationDelivery delivery, string? messageRef, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; the delivery is retried at <paramref name="retryAt"/>, or given up when null.</summary>
    Task FailedAsync(NotificationDelivery delivery, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>Puts a delivery off until <paramref name="retryAt"/> without counting an attempt (it waits for another).</summary>
    Task DeferAsync(NotificationDelivery delivery, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>One channel's delivery of an earlier notification (to find the message to replace), or null.</summary>
    Task<NotificationDelivery?> FindAsync(string organisation, string notificationId, string channel, CancellationToken cancellationToken);

    /// <summary>Deliveries of a subject, for status pages and tests.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListAsync(string organisation, string subject, CancellationToken cancellationToken);
}

/// <summary>One channel's delivery of one notification.</summary>
public sealed record NotificationDelivery(
    Notification Notification,
    string Channel,
    NotificationDeliveryStatus Status,
    int Attempts,
    string? LastError,
    string? MessageRef);

public enum NotificationDeliveryStatus
{
    Pending,
    Delivered,
    GaveUp,
}
