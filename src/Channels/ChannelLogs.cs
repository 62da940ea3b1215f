using Microsoft.Extensions.Logging;
using Qlrf.Notifications;

namespace Qlrf.Channels;

/// <summary>Log messages of the chat channels and notifications. Event ids 9000-9099.</summary>
internal static partial class ChannelLogs
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Notification {NotificationId} ({Event}) delivered to {Channel}")]
    public static partial void Delivered(ILogger logger, string notificationId, string channel, NotificationEvent @event);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Notification {NotificationId} to {Channel} failed (attempt {Attempt}, given up: {GaveUp}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string notificationId, string channel, int attempt, bool gaveUp, string error);
}
