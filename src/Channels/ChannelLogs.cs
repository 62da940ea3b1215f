using Microsoft.Extensions.Logging;
using Qlrf.Notifications;

namespace Qlrf.Channels;

/// <summary>
/// Log messages of the chat channels and notifications. Event ids 9000-9099 for delivery, 9100-9119 for
/// the approval callbacks' adapters (the API's callback handlers take 9120-9199). Never a token, a secret
/// or a response URL.
/// </summary>
internal static partial class ChannelLogs
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Notification {NotificationId} ({Event}) delivered to {Channel}")]
    public static partial void Delivered(ILogger logger, string notificationId, string channel, NotificationEvent @event);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Notification {NotificationId} to {Channel} failed (attempt {Attempt}, given up: {GaveUp}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string notificationId, string channel, int attempt, bool gaveUp, string error);

    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning, Message = "A Slack response URL at {Authority} is not under Qlrf:Notifications:Slack:ResponseUrlBase; the outcome was not posted")]
    public static partial void SlackResponseUrlRefused(ILogger logger, string authority);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Posting to a Slack response URL failed (attempt {Attempt}, given up: {GaveUp}): {Error}")]
    public static partial void SlackResponseFailed(ILogger logger, int attempt, bool gaveUp, string error);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "The Bot Framework OpenID metadata could not be read; Teams callbacks are refused until it can")]
    public static partial void BotMetadataUnavailable(ILogger logger, Exception exception);
}
