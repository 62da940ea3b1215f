using Microsoft.Extensions.Logging;
using Qlrf.Approvals;

namespace Qlrf.Api.Callbacks;

/// <summary>
/// Log messages of the approval callbacks (Slack, Teams, signed links). Event ids 9120-9199 (the channel
/// adapters take 9100-9119). Never a token, a signature, a secret or a link.
/// </summary>
internal static partial class CallbackLogs
{
    [LoggerMessage(EventId = 9120, Level = LogLevel.Warning, Message = "Slack callback refused: {Reason}")]
    public static partial void SlackRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 9121, Level = LogLevel.Warning, Message = "Teams callback refused: {Reason}")]
    public static partial void TeamsRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 9122, Level = LogLevel.Information, Message = "{Channel} user {ChannelUser} is not mapped to a QL-RF identity; their {Decision} of approval {ApprovalId} was refused")]
    public static partial void Unmapped(ILogger logger, string channel, string channelUser, ApprovalDecisionKind decision, string approvalId);

    [LoggerMessage(EventId = 9123, Level = LogLevel.Information, Message = "{Actor} decided {Decision} on approval {ApprovalId} through {Channel}: {Outcome}")]
    public static partial void Decided(ILogger logger, string actor, ApprovalDecisionKind decision, string approvalId, string channel, string outcome);

    [LoggerMessage(EventId = 9124, Level = LogLevel.Information, Message = "Approval link refused ({Reason})")]
    public static partial void LinkRefused(ILogger logger, string reason);
}
