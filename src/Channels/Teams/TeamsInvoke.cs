using System.Text.Json;
using Qlrf.Approvals;

namespace Qlrf.Channels.Teams;

/// <summary>
/// An <c>adaptiveCard/action</c> invoke activity from Teams: who (AAD object id) pressed which verb on
/// which approval, with their comment.
/// </summary>
public sealed record TeamsInvoke(string AadObjectId, string UserName, ApprovalDecisionKind Decision, string ApprovalId, string? Comment, string? ServiceUrl)
{
    /// <summary>Reads the activity; null when it is not an Action.Execute of one of our verbs.</summary>
    /// <exception cref="FormatException">The body is not a Bot Framework activity.</exception>
    public static TeamsInvoke? Parse(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The activity is not a JSON object.");
        }

        if (Text(activity, "type") != "invoke" || Text(activity, "name") != "adaptiveCard/action"
            || !activity.TryGetProperty("value", out var value) || !value.TryGetProperty("action", out var action))
        {
            return null;
        }

        var decision = Text(action, "verb") switch
        {
            TeamsApprovalCard.ApproveVerb => ApprovalDecisionKind.Approve,
            TeamsApprovalCard.RejectVerb => ApprovalDecisionKind.Reject,
            _ => (ApprovalDecisionKind?)null,
        };
        var data = action.TryGetProperty("data", out var d) ? d : default;
        var approvalId = data.ValueKind == JsonValueKind.Object ? Text(data, "approvalId") : null;
        var from = activity.TryGetProperty("from", out var f) ? f : default;
        var aad = from.ValueKind == JsonValueKind.Object ? Text(from, "aadObjectId") : null;
        if (decision is null || string.IsNullOrEmpty(approvalId) || string.IsNullOrEmpty(aad))
        {
            return null;
        }

        var comment = data.ValueKind == JsonValueKind.Object ? Text(data, "comment") : null;
        return new TeamsInvoke(aad, Text(from, "name") ?? aad, decision.Value, approvalId, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), Text(activity, "serviceUrl"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
