namespace Qlrf.Channels.Teams;

/// <summary>The outcome of checking a Bot Framework token.</summary>
public sealed record BotTokenCheck(BotTokenStatus Status, string Reason)
{
    public static readonly BotTokenCheck Valid = new(BotTokenStatus.Valid, string.Empty);

    public static readonly BotTokenCheck Unavailable = new(BotTokenStatus.Unavailable, "the Bot Framework OpenID metadata could not be read");

    public static BotTokenCheck Refused(string reason) => new(BotTokenStatus.Refused, reason);
}

public enum BotTokenStatus
{
    Valid,
    Refused,
    Unavailable,
}
