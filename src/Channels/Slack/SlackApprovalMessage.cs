using System.Globalization;
using System.Text.Json.Nodes;
using Qlrf.Approvals;

namespace Qlrf.Channels.Slack;

/// <summary>The Block Kit message asking for an approval, and the same message once it is decided.</summary>
public static class SlackApprovalMessage
{
    public static JsonObject Request(ApprovalView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var blocks = Body(view);
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = "qlrf_decision",
            ["elements"] = new JsonArray
            {
                Button(SlackInteraction.ApproveActionId, "Approve", "primary", view.ApprovalId, confirm: $"Approve {view.Kind} {view.Subject}?"),
                Button(SlackInteraction.RejectActionId, "Reject", "danger", view.ApprovalId, confirm: null),
            },
        });
        return new JsonObject { ["text"] = Fallback(view), ["blocks"] = blocks };
    }

    /// <summary>The message after a decision (or expiry): the buttons give way to the outcome.</summary>
    public static JsonObject Outcome(ApprovalView view, string outcome)
    {
        ArgumentNullException.ThrowIfNull(view);
        var blocks = Body(view);
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(outcome) } },
        });
        return new JsonObject { ["replace_original"] = true, ["text"] = $"{Fallback(view)}: {outcome}", ["blocks"] = blocks };
    }

    private static JsonArray Body(ApprovalView view)
    {
        var fields = new JsonArray
        {
            Field("Risk", string.Create(CultureInfo.InvariantCulture, $"{view.RiskLevel} ({view.RiskScore:0.#})")),
            Field("Requested by", view.RequestedBy),
            Field("Expires", view.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)),
        };
        foreach (var (label, value) in view.Facts.Take(7))
        {
            fields.Add(Field(label, value));
        }

        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = Plain($"Approval needed: {view.Kind} {view.Subject}") },
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(view.Summary) }, ["fields"] = fields },
        };
        if (view.Link is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = $"<{view.Link}|Open the plan>" } },
            });
        }

        return blocks;
    }

    private static JsonObject Button(string actionId, string text, string style, string value, string? confirm)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = Plain(text),
            ["style"] = style,
            ["value"] = value,
        };
        if (confirm is not null)
        {
            button["confirm"] = new JsonObject
            {
                ["title"] = Plain("Confirm"),
                ["text"] = Plain(confirm),
                ["confirm"] = Plain(text),
                ["deny"] = Plain("Cancel"),
            };
        }

        return button;
    }

    private static JsonObject Field(string label, string value) => new() { ["type"] = "mrkdwn", ["text"] = $"*{Escape(label)}*\n{Escape(value)}" };

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text.Length > 150 ? text[..150] : text };

    private static string Fallback(ApprovalView view) => $"Approval needed: {view.Kind} {view.Subject} — {view.Summary}";

    /// <summary>Slack's mrkdwn escaping of the three control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
