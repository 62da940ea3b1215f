using System.Globalization;
using System.Text.Json.Nodes;
using Qlrf.Approvals;

namespace Qlrf.Channels.Teams;

/// <summary>
/// The Adaptive Card asking for an approval, with <c>Action.Execute</c> buttons (verbs <c>approve</c> and
/// <c>reject</c>) that Teams sends to the bot as an <c>adaptiveCard/action</c> invoke, and the card that
/// replaces it once decided.
/// </summary>
public static class TeamsApprovalCard
{
    public const string ApproveVerb = "approve";
    public const string RejectVerb = "reject";
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Request(ApprovalView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var card = Card(view);
        card["body"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = "comment",
            ["placeholder"] = "Comment (recorded in the audit log)",
            ["isMultiline"] = true,
        });
        card["actions"] = new JsonArray
        {
            Execute("Approve", ApproveVerb, view.ApprovalId, "positive"),
            Execute("Reject", RejectVerb, view.ApprovalId, "destructive"),
        };
        return card;
    }

    /// <summary>The request card still open for more approvers, with a line saying where it stands.</summary>
    public static JsonObject Progress(ApprovalView view, string progress)
    {
        var card = Request(view);
        var body = card["body"]!.AsArray();
        body.Insert(body.Count - 1, new JsonObject { ["type"] = "TextBlock", ["text"] = progress, ["wrap"] = true, ["isSubtle"] = true });
        return card;
    }

    public static JsonObject Outcome(ApprovalView view, string outcome)
    {
        ArgumentNullException.ThrowIfNull(view);
        var card = Card(view);
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = outcome, ["weight"] = "Bolder", ["wrap"] = true });
        return card;
    }

    /// <summary>The invoke response that answers an <c>Action.Execute</c> with a card.</summary>
    public static JsonObject InvokeResponse(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = ContentType,
        ["value"] = card,
    };

    /// <summary>The invoke response for a refused action: a message, shown by Teams to the user.</summary>
    public static JsonObject InvokeMessage(int statusCode, string message) => new()
    {
        ["statusCode"] = statusCode,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = message,
    };

    private static JsonObject Card(ApprovalView view)
    {
        var facts = new JsonArray
        {
            Fact("Risk", string.Create(CultureInfo.InvariantCulture, $"{view.RiskLevel} ({view.RiskScore:0.#})")),
            Fact("Requested by", view.RequestedBy),
            Fact("Expires", view.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)),
        };
        foreach (var (label, value) in view.Facts)
        {
            facts.Add(Fact(label, value));
        }

        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["size"] = "Medium", ["weight"] = "Bolder", ["text"] = $"Approval needed: {view.Kind} {view.Subject}", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = view.Summary, ["wrap"] = true },
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
        };
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (view.Link is not null)
        {
            card["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = view.Link.ToString() };
        }

        return card;
    }

    private static JsonObject Execute(string title, string verb, string approvalId, string style) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["style"] = style,
        ["data"] = new JsonObject { ["approvalId"] = approvalId },
    };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
