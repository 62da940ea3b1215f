using Microsoft.Extensions.Options;
using Qlrf.Channels.Delivery;
using Qlrf.Tenancy;

namespace Qlrf.Channels.Approvals;

/// <summary>
/// Checks <c>Qlrf:Approvals</c> at start-up, naming each bad setting: organisations are slugs, subjects are
/// sensible, mapping Slack users needs Slack's signing secret, mapping Teams users needs the bot's app id,
/// and enabled links need a signing key of at least 32 bytes and a public base URL.
/// </summary>
public sealed class ApprovalChannelsOptionsValidator(IOptions<NotificationOptions> notifications) : IValidateOptions<ApprovalChannelsOptions>
{
    public const int MinimumKeyBytes = 32;
    private const int MaxSubjectLength = 256;
    private const string Section = ApprovalChannelsOptions.Section;

    public ValidateOptionsResult Validate(string? name, ApprovalChannelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Organisation(failures, $"{Section}:Slack:Organisation", options.Slack.Organisation);
        Users(failures, $"{Section}:Slack:Users", options.Slack.Users);
        foreach (var (team, workspace) in options.Slack.Workspaces)
        {
            Organisation(failures, $"{Section}:Slack:Workspaces:{team}:Organisation", workspace.Organisation);
            Users(failures, $"{Section}:Slack:Workspaces:{team}:Users", workspace.Users);
        }

        Organisation(failures, $"{Section}:Teams:Organisation", options.Teams.Organisation);
        Users(failures, $"{Section}:Teams:Users", options.Teams.Users);

        var slackMapped = options.Slack.Users.Count > 0 || options.Slack.Workspaces.Values.Any(w => w.Users.Count > 0);
        if (slackMapped && string.IsNullOrEmpty(notifications.Value.Slack.SigningSecret))
        {
            failures.Add($"{NotificationOptions.Section}:Slack:SigningSecret is required when {Section}:Slack maps users (it verifies Slack's callbacks).");
        }

        if (options.Teams.Users.Count > 0 && string.IsNullOrEmpty(notifications.Value.Teams.AppId))
        {
            failures.Add($"{NotificationOptions.Section}:Teams:AppId is required when {Section}:Teams maps users (Teams tokens must name it as their audience).");
        }

        Links(failures, options.Links);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The signing key's bytes, or null when it is not base64 of at least <see cref="MinimumKeyBytes"/> bytes.</summary>
    public static byte[]? ReadKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) && written >= MinimumKeyBytes ? buffer[..written] : null;
    }

    private static void Links(List<string> failures, ApprovalLinkOptions links)
    {
        if (!string.IsNullOrEmpty(links.SigningKey) && ReadKey(links.SigningKey) is null)
        {
            failures.Add($"{Section}:Links:SigningKey must be base64 of at least {MinimumKeyBytes} random bytes (openssl rand -base64 32).");
        }

        if (!links.Enabled)
        {
            return;
        }

        if (string.IsNullOrEmpty(links.SigningKey))
        {
            failures.Add($"{Section}:Links:SigningKey is required when {Section}:Links:Enabled is true (base64 of at least {MinimumKeyBytes} random bytes: openssl rand -base64 32).");
        }

        if (links.PublicBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:Links:PublicBaseUrl is required when {Section}:Links:Enabled is true: the absolute http(s) address people reach QL-RF at.");
        }

        for (var i = 0; i < links.Recipients.Count; i++)
        {
            if (!IsSubject(links.Recipients[i]))
            {
                failures.Add($"{Section}:Links:Recipients:{i} must be a QL-RF subject (1 to {MaxSubjectLength} characters, no control characters).");
            }
        }
    }

    private static void Organisation(List<string> failures, string setting, string? organisation)
    {
        if (organisation is not null && !OrganisationId.IsValid(organisation))
        {
            failures.Add($"{setting} must be a lower-case slug (letters, digits, dashes).");
        }
    }

    private static void Users(List<string> failures, string setting, Dictionary<string, string> users)
    {
        foreach (var (id, subject) in users)
        {
            if (!IsSubject(subject))
            {
                failures.Add($"{setting}:{id} must be a QL-RF subject (1 to {MaxSubjectLength} characters, no control characters).");
            }
        }
    }

    private static bool IsSubject(string? subject) =>
        !string.IsNullOrWhiteSpace(subject) && subject.Length <= MaxSubjectLength && !subject.Any(char.IsControl);
}
