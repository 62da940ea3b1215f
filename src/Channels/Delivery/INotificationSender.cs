using Qlrf.Notifications;

namespace Qlrf.Channels.Delivery;

/// <summary>Delivers notifications to one channel.</summary>
public interface INotificationSender
{
    /// <summary>The channel's name: <c>slack</c>, <c>teams</c>, <c>webhook</c>.</summary>
    string Channel { get; }

    bool Enabled { get; }

    /// <summary>
    /// Posts the notification, or updates the message <paramref name="replaceRef"/> refers to. Returns the
    /// channel's reference to the message, when it has one. Throws on failure (the dispatcher retries).
    /// </summary>
    Task<string?> SendAsync(Notification notification, string? replaceRef, CancellationToken cancellationToken);
}
