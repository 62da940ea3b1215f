using System.ComponentModel.DataAnnotations;

namespace Qlrf.Channels.Delivery;

/// <summary>
/// Settings of notifications and chat approvals, section <c>Qlrf:Notifications</c>. Secrets (tokens,
/// passwords, signing secrets) are settings like any other — supply them through environment variables
/// (<c>QLRF__Notifications__Slack__BotToken</c>) or Key Vault references, never in files; they are never logged.
/// </summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Qlrf:Notifications";

    public SlackOptions Slack { get; set; } = new();

    public TeamsOptions Teams { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Attempts per delivery before it is given up. Default 8.</summary>
    [Range(1, 50, ErrorMessage = "Qlrf:Notifications:MaxAttempts must be between 1 and 50.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; doubles with each attempt, up to ten minutes. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Qlrf:Notifications:RetryDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Slack.Enabled && string.IsNullOrEmpty(Slack.BotToken) && Slack.WebhookUrl is null)
        {
            yield return new ValidationResult($"{Section}:Slack needs BotToken (with Channel) or WebhookUrl when Enabled.", [nameof(Slack)]);
        }

        if (Slack.Enabled && !string.IsNullOrEmpty(Slack.BotToken) && string.IsNullOrEmpty(Slack.Channel))
        {
            yield return new ValidationResult($"{Section}:Slack:Channel is required with BotToken.", [nameof(Slack)]);
        }

        if (Teams.Enabled && (string.IsNullOrEmpty(Teams.AppId) || string.IsNullOrEmpty(Teams.AppPassword) || Teams.ServiceUrl is null || string.IsNullOrEmpty(Teams.ConversationId)))
        {
            yield return new ValidationResult($"{Section}:Teams needs AppId, AppPassword, ServiceUrl and ConversationId when Enabled.", [nameof(Teams)]);
        }

        if (Webhook.Enabled && (Webhook.Url is null || string.IsNullOrEmpty(Webhook.Secret)))
        {
            yield return new ValidationResult($"{Section}:Webhook needs Url and Secret when Enabled.", [nameof(Webhook)]);
        }
    }
}

/// <summary>Slack: a bot token and channel (messages can then be updated), or an incoming webhook URL.</summary>
public sealed class SlackOptions
{
    public bool Enabled { get; set; }

    public string? BotToken { get; set; }

    public string? Channel { get; set; }

    public Uri? WebhookUrl { get; set; }

    /// <summary>Slack Web API base address. Default <c>https://slack.com/api/</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The app's signing secret, to verify interaction callbacks.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// Outcomes of button presses are posted only to an interaction's <c>response_url</c> under this address.
    /// Default <c>https://hooks.slack.com/</c>.
    /// </summary>
    public Uri ResponseUrlBase { get; set; } = new("https://hooks.slack.com/");
}

/// <summary>Microsoft Teams: the bot's app id and password, and the conversation it posts approval cards to.</summary>
public sealed class TeamsOptions
{
    public bool Enabled { get; set; }

    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>The Bot Connector service URL of the conversation (from the bot's installation).</summary>
    public Uri? ServiceUrl { get; set; }

    public string? ConversationId { get; set; }

    /// <summary>Where the bot gets its token. Default the Bot Framework's token endpoint.</summary>
    public Uri TokenEndpoint { get; set; } = new("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    /// <summary>OpenID metadata that publishes the keys inbound Bot Framework tokens are signed with.</summary>
    public Uri OpenIdMetadata { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The issuer of inbound Bot Framework tokens. Default <c>https://api.botframework.com</c>.</summary>
    public string Issuer { get; set; } = "https://api.botframework.com";
}

/// <summary>A generic webhook: JSON posted with an HMAC signature and timestamp.</summary>
public sealed class WebhookOptions
{
    public bool Enabled { get; set; }

    public Uri? Url { get; set; }

    public string? Secret { get; set; }
}
