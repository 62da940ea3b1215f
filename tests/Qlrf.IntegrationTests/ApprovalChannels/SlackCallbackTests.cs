using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Channels.Slack;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.ApprovalChannels;

/// <summary>Slack's interactivity callback through the host, with response URLs answered by a loopback recorder.</summary>
public sealed class SlackCallbackTests(ApprovalChannelsHost fixture) : IClassFixture<ApprovalChannelsHost>
{
    private QlrfHost Host => fixture.Host;

    private string Press(string approvalId, string user = ApprovalChannelsHost.BobSlackId, string action = SlackInteraction.ApproveActionId, string? responsePath = null, Uri? responseUrl = null) =>
        "payload=" + WebUtility.UrlEncode(JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = user, username = user.ToLowerInvariant() },
            team = new { id = ApprovalChannelsHost.SlackTeam },
            response_url = (responseUrl ?? new Uri(fixture.SlackResponses, responsePath ?? $"actions/{approvalId}/{user}")).ToString(),
            actions = new[] { new { action_id = action, block_id = "qlrf_decision", value = approvalId, type = "button" } },
        }));

    private static HttpRequestMessage Signed(string body, string secret = ApprovalChannelsHost.SlackSecret, DateTimeOffset? at = null, string? signedBody = null)
    {
        var timestamp = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/callbacks/slack")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(signedBody ?? body)));
        return request;
    }

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using var client = Host.CreateAnonymousClient();
        using (request)
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task A_correctly_signed_callback_approves_and_replaces_the_message_with_the_outcome()
    {
        var approval = await fixture.RequestApprovalAsync("apr-slack-ok");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Signed(Press(approval.Id))));

        var decided = await fixture.ApprovalAsync(approval.Id);
        Assert.Equal(ApprovalStatus.Approved, decided.Status);
        var decision = Assert.Single(decided.Decisions);
        Assert.Equal(("user:bob", ApprovalDecisionKind.Approve, "Approved in Slack by bob", "slack"), (decision.Actor, decision.Decision, decision.Comment, decision.Channel));
        var audit = Assert.Single(await fixture.DecisionAuditAsync(approval));
        Assert.Equal(("user:bob", AuditOutcome.Success, "slack", "approved"), (audit.Actor, audit.Outcome, audit.Source, audit.Details["status"]));

        var update = await fixture.Recorder.WaitForAsync($"/slack/actions/{approval.Id}/{ApprovalChannelsHost.BobSlackId}");
        using var message = JsonDocument.Parse(update.Body);
        Assert.True(message.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.Contains("Approved by user:bob", update.Body, StringComparison.Ordinal);
        Assert.Contains(ApprovalChannelsHost.Summary, update.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("qlrf_approve", update.Body, StringComparison.Ordinal);
        // Other tests on this host log the refusals they provoke (event ids 91xx); nothing else may warn.
        Assert.DoesNotContain(Host.Logs.WarningsAndErrors, l => !l.Contains("[91", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forged_tampered_unsigned_and_stale_callbacks_get_401_and_decide_nothing()
    {
        var approval = await fixture.RequestApprovalAsync("apr-slack-forged");
        var press = Press(approval.Id);

        var forged = await SendAsync(Signed(press, secret: "not-the-signing-secret"));
        var tampered = await SendAsync(Signed(press, signedBody: Press(approval.Id, action: SlackInteraction.RejectActionId)));
        var stale = await SendAsync(Signed(press, at: TimeProvider.System.GetUtcNow().AddMinutes(-6)));
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/v1/callbacks/slack") { Content = new StringContent(press, Encoding.UTF8, "application/x-www-form-urlencoded") };
        var missing = await SendAsync(unsigned);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [forged, tampered, stale, missing]);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        Assert.Empty(await fixture.DecisionAuditAsync(approval));
    }

    [Fact]
    public async Task A_replayed_callback_gets_401()
    {
        var approval = await fixture.RequestApprovalAsync("apr-slack-replay", required: 2);
        var timestamp = TimeProvider.System.GetUtcNow();
        var press = Press(approval.Id);

        var first = await SendAsync(Signed(press, at: timestamp));
        var replay = await SendAsync(Signed(press, at: timestamp));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (first, replay));
        var stands = await fixture.ApprovalAsync(approval.Id);
        Assert.Equal(ApprovalStatus.Pending, stands.Status);
        Assert.Single(stands.Decisions);
        var note = await fixture.Recorder.WaitForAsync($"/slack/actions/{approval.Id}/{ApprovalChannelsHost.BobSlackId}");
        Assert.Contains("\"response_type\":\"ephemeral\"", note.Body, StringComparison.Ordinal);
        Assert.Contains("1 of 2 approvals", note.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unmapped_slack_user_is_told_so_and_audited_and_decides_nothing()
    {
        var approval = await fixture.RequestApprovalAsync("apr-slack-unmapped");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Signed(Press(approval.Id, user: "U0NOBODY"))));

        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        var audit = Assert.Single(await fixture.DecisionAuditAsync(approval));
        Assert.Equal(("anonymous", AuditOutcome.Denied, "slack", $"slack:{ApprovalChannelsHost.SlackTeam}/U0NOBODY"), (audit.Actor, audit.Outcome, audit.Source, audit.Details["channelUser"]));
        var note = await fixture.Recorder.WaitForAsync($"/slack/actions/{approval.Id}/U0NOBODY");
        Assert.Contains("\"response_type\":\"ephemeral\"", note.Body, StringComparison.Ordinal);
        Assert.Contains("is not mapped to a QL-RF identity", note.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_change_from_slack_but_a_rejection_closes_it()
    {
        var approval = await fixture.RequestApprovalAsync("apr-slack-self");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Signed(Press(approval.Id, user: ApprovalChannelsHost.AliceSlackId))));
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        var note = await fixture.Recorder.WaitForAsync($"/slack/actions/{approval.Id}/{ApprovalChannelsHost.AliceSlackId}");
        Assert.Contains("The requester cannot approve their own change.", note.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Signed(Press(approval.Id, action: SlackInteraction.RejectActionId, responsePath: "actions/reject"))));
        var rejected = await fixture.ApprovalAsync(approval.Id);
        Assert.Equal(ApprovalStatus.Rejected, rejected.Status);
        Assert.Equal("Rejected in Slack by bob", rejected.Decisions.Single().Comment);
        Assert.Equal([AuditOutcome.Denied, AuditOutcome.Success], (await fixture.DecisionAuditAsync(approval)).Select(e => e.Outcome));
        Assert.Contains("Rejected by user:bob", (await fixture.Recorder.WaitForAsync("/slack/actions/reject")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outcomes_are_posted_only_to_response_urls_under_the_configured_base()
    {
        var approval = await fixture.RequestApprovalAsync("apr-slack-elsewhere");
        var elsewhere = new Uri(fixture.Recorder.BaseAddress, "elsewhere/actions/1");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Signed(Press(approval.Id, responseUrl: elsewhere))));

        Assert.Equal(ApprovalStatus.Approved, (await fixture.ApprovalAsync(approval.Id)).Status);
        Assert.Contains(Host.Logs.WarningsAndErrors, l => l.Contains("[9100]", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Recorder.Requests, r => r.Path.StartsWith("/elsewhere", StringComparison.Ordinal));
    }
}
