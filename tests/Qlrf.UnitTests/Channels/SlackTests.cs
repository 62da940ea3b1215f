using System.Net;
using System.Text.Json;
using System.Text;
using Qlrf.Approvals;
using Qlrf.Channels.Slack;
using Qlrf.Channels;

namespace Qlrf.UnitTests.Channels;

public sealed class SlackTests
{
    // The worked example of Slack's "Verifying requests from Slack".
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocTimestamp = "1531420618";
    private const string DocBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly DateTimeOffset DocTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Slacks_published_example_verifies() =>
        Assert.Equal(SlackVerification.Valid, SlackSignature.Verify(DocSecret, DocTimestamp, DocSignature, Encoding.UTF8.GetBytes(DocBody), DocTime.AddMinutes(1)));

    [Theory]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504", 0, SlackVerification.BadSignature)]
    [InlineData(DocSignature, 6, SlackVerification.Stale)]
    [InlineData(DocSignature, -6, SlackVerification.Stale)]
    [InlineData("", 0, SlackVerification.Missing)]
    public void Forged_replayed_and_unsigned_requests_are_refused(string signature, int minutesLater, SlackVerification expected) =>
        Assert.Equal(expected, SlackSignature.Verify(DocSecret, DocTimestamp, signature, Encoding.UTF8.GetBytes(DocBody), DocTime.AddMinutes(minutesLater)));

    [Fact]
    public void A_tampered_body_is_refused() =>
        Assert.Equal(SlackVerification.BadSignature, SlackSignature.Verify(DocSecret, DocTimestamp, DocSignature, Encoding.UTF8.GetBytes(DocBody + "&x=1"), DocTime));

    [Fact]
    public void A_button_press_is_read_from_the_form_encoded_payload()
    {
        var payload = JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = "U2CERLKJA", username = "roadrunner" },
            team = new { id = "T1DC2JH3J" },
            response_url = "https://hooks.slack.com/actions/T1DC2JH3J/1/abc",
            actions = new[] { new { action_id = "qlrf_approve", block_id = "qlrf_decision", value = "apr-123", type = "button" } },
        });

        var interaction = SlackInteraction.Parse("payload=" + WebUtility.UrlEncode(payload));

        Assert.Equal(new SlackInteraction("U2CERLKJA", "T1DC2JH3J", ApprovalDecisionKind.Approve, "apr-123", new Uri("https://hooks.slack.com/actions/T1DC2JH3J/1/abc")), interaction);
    }

    [Fact]
    public void Other_interactions_are_not_decisions_and_garbage_is_refused()
    {
        var other = JsonSerializer.Serialize(new { type = "view_closed", user = new { id = "U1" } });

        Assert.Null(SlackInteraction.Parse("payload=" + WebUtility.UrlEncode(other)));
        Assert.Throws<FormatException>(() => SlackInteraction.Parse("token=abc"));
        Assert.Throws<FormatException>(() => SlackInteraction.Parse("payload=%7Bnot-json"));
    }

    [Fact]
    public void The_request_message_offers_both_buttons_and_the_outcome_replaces_them()
    {
        var view = new ApprovalView("apr-1", "rollout", "ro-42", "ubuntu-2204-base 2026.11.1 to 120 prod assets", "High", 61.5, "alice", DateTimeOffset.UnixEpoch, [new("Waves", "canary, 5, 25, 50, 100%")]);

        var request = SlackApprovalMessage.Request(view).ToJsonString();
        var outcome = SlackApprovalMessage.Outcome(view, "Approved by bob at 2026-11-22 10:00Z").ToJsonString();

        Assert.Contains("\"action_id\":\"qlrf_approve\"", request, StringComparison.Ordinal);
        Assert.Contains("\"action_id\":\"qlrf_reject\"", request, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"apr-1\"", request, StringComparison.Ordinal);
        Assert.DoesNotContain("qlrf_approve", outcome, StringComparison.Ordinal);
        Assert.Contains("\"replace_original\":true", outcome, StringComparison.Ordinal);
        Assert.Contains("Approved by bob", outcome, StringComparison.Ordinal);
    }
}
