using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Qlrf.Approvals;

namespace Qlrf.Channels.Slack;

/// <summary>
/// A button press from a Slack <c>block_actions</c> interaction payload (sent form-encoded as
/// <c>payload=&lt;json&gt;</c>): who pressed which of our buttons on which approval, and where to post the outcome.
/// </summary>
public sealed record SlackInteraction(string UserId, string TeamId, ApprovalDecisionKind Decision, string ApprovalId, Uri? ResponseUrl)
{
    public const string ApproveActionId = "qlrf_approve";
    public const string RejectActionId = "qlrf_reject";

    /// <summary>Reads the form body; null when it is not a press of one of our buttons.</summary>
    /// <exception cref="FormatException">The body is not a Slack interaction payload.</exception>
    public static SlackInteraction? Parse(string formBody)
    {
        var form = QueryHelpers.ParseQuery(formBody);
        if (!form.TryGetValue("payload", out var payload) || string.IsNullOrEmpty(payload))
        {
            throw new FormatException("The body has no 'payload' field.");
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToString());
            var root = document.RootElement;
            if (Text(root, "type") != "block_actions" || !root.TryGetProperty("actions", out var actions) || actions.GetArrayLength() == 0)
            {
                return null;
            }

            var action = actions[0];
            var decision = Text(action, "action_id") switch
            {
                ApproveActionId => ApprovalDecisionKind.Approve,
                RejectActionId => ApprovalDecisionKind.Reject,
                _ => (ApprovalDecisionKind?)null,
            };
            var approvalId = Text(action, "value");
            var user = root.TryGetProperty("user", out var u) ? Text(u, "id") : null;
            var team = root.TryGetProperty("team", out var t) ? Text(t, "id") : null;
            if (decision is null || string.IsNullOrEmpty(approvalId) || string.IsNullOrEmpty(user))
            {
                return null;
            }

            // Where it may be posted to is checked against SlackOptions.ResponseUrlBase when the outcome is sent.
            var responseUrl = Uri.TryCreate(Text(root, "response_url"), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;
            return new SlackInteraction(user, team ?? string.Empty, decision.Value, approvalId, responseUrl);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The payload is not JSON.", ex);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
