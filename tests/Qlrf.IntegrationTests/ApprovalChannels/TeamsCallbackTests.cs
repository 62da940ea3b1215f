using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.ApprovalChannels;

/// <summary>The Teams bot endpoint through the host, with Bot Framework tokens from a loopback OpenID issuer.</summary>
public sealed class TeamsCallbackTests(ApprovalChannelsHost fixture) : IClassFixture<ApprovalChannelsHost>
{
    private QlrfHost Host => fixture.Host;

    private static string Invoke(string approvalId, string verb = "approve", string? comment = "ship it", string aad = ApprovalChannelsHost.CarolAadId, string serviceUrl = BotFrameworkIssuer.ServiceUrl) =>
        JsonSerializer.Serialize(new
        {
            type = "invoke",
            name = "adaptiveCard/action",
            channelId = "msteams",
            serviceUrl,
            from = new { id = "29:1abc", name = "Carol", aadObjectId = aad },
            conversation = new { id = "19:abc@thread.tacv2" },
            value = new { action = new { type = "Action.Execute", verb, data = new { approvalId, comment } }, trigger = "manual" },
        });

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string activity, string? token)
    {
        using var client = Host.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/callbacks/teams") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invoke_with_a_token_from_the_loopback_issuer_approves_and_answers_with_the_updated_card()
    {
        var approval = await fixture.RequestApprovalAsync("apr-teams-ok");

        var (status, body) = await SendAsync(Invoke(approval.Id), fixture.Bot.Token());

        Assert.Equal(HttpStatusCode.OK, status);
        using var answer = JsonDocument.Parse(body);
        Assert.Equal(200, answer.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer.RootElement.GetProperty("type").GetString());
        var card = answer.RootElement.GetProperty("value").GetRawText();
        Assert.Contains("Approved by user:carol", card, StringComparison.Ordinal);
        Assert.Contains(ApprovalChannelsHost.Summary, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", card, StringComparison.Ordinal);

        var decided = await fixture.ApprovalAsync(approval.Id);
        Assert.Equal(ApprovalStatus.Approved, decided.Status);
        var decision = Assert.Single(decided.Decisions);
        Assert.Equal(("user:carol", "ship it", "teams"), (decision.Actor, decision.Comment, decision.Channel));
        var audit = Assert.Single(await fixture.DecisionAuditAsync(approval));
        Assert.Equal(("user:carol", AuditOutcome.Success, "teams", "ship it"), (audit.Actor, audit.Outcome, audit.Source, audit.Details["comment"]));
        Assert.True(fixture.Bot.Requests >= 2, "the host read the issuer's metadata and keys");
    }

    public static TheoryData<string> BadTokens => ["none", "forged", "unknown key", "wrong audience", "wrong issuer", "expired", "other service url", "not a jwt"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_and_decides_nothing(string kind)
    {
        var approval = await fixture.RequestApprovalAsync("apr-teams-bad-" + kind.Replace(' ', '-'));
        var bot = fixture.Bot;
        var token = kind switch
        {
            "none" => null,
            "forged" => bot.Token(signedWith: BotFrameworkIssuer.Forger),
            "unknown key" => bot.Token(signedWith: BotFrameworkIssuer.Forger, keyId: "not-published"),
            "wrong audience" => bot.Token(audience: "another-bot"),
            "wrong issuer" => bot.Token(issuer: "https://sts.windows.net/attacker/"),
            "expired" => bot.Token(expiresIn: TimeSpan.FromMinutes(-10)),
            "other service url" => bot.Token(serviceUrl: "https://attacker.example/"),
            _ => "not-a-jwt",
        };

        var (status, _) = await SendAsync(Invoke(approval.Id), token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        Assert.Empty(await fixture.DecisionAuditAsync(approval));
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activitys_channel_is_refused()
    {
        var approval = await fixture.RequestApprovalAsync("apr-teams-endorsement");

        var (status, _) = await SendAsync(Invoke(approval.Id).Replace("\"msteams\"", "\"slack\"", StringComparison.Ordinal), fixture.Bot.Token());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
    }

    [Fact]
    public async Task An_unmapped_user_and_a_missing_comment_get_a_message_and_decide_nothing()
    {
        var approval = await fixture.RequestApprovalAsync("apr-teams-refused");

        var (unmappedStatus, unmapped) = await SendAsync(Invoke(approval.Id, aad: "00000000-0000-0000-0000-000000000000"), fixture.Bot.Token());
        var (_, uncommented) = await SendAsync(Invoke(approval.Id, comment: "  "), fixture.Bot.Token());

        Assert.Equal(HttpStatusCode.OK, unmappedStatus);
        Assert.Contains("application/vnd.microsoft.activity.message", unmapped, StringComparison.Ordinal);
        Assert.Contains("is not mapped to a QL-RF identity", unmapped, StringComparison.Ordinal);
        Assert.Contains("A decision needs a comment", uncommented, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        var audit = await fixture.DecisionAuditAsync(approval);
        Assert.Equal([("anonymous", AuditOutcome.Denied), ("user:carol", AuditOutcome.Denied)], audit.Select(e => (e.Actor, e.Outcome)));
        Assert.Equal("teams:00000000-0000-0000-0000-000000000000", audit[0].Details["channelUser"]);
    }

    [Fact]
    public async Task A_high_risk_approval_shows_progress_on_the_card_until_a_second_approver_decides()
    {
        var approval = await fixture.RequestApprovalAsync("apr-teams-two", required: 2);

        var (_, first) = await SendAsync(Invoke(approval.Id), fixture.Bot.Token());
        var (_, self) = await SendAsync(Invoke(approval.Id, aad: ApprovalChannelsHost.AliceAadId), fixture.Bot.Token());
        var (_, again) = await SendAsync(Invoke(approval.Id), fixture.Bot.Token());

        Assert.Contains("1 of 2 approvals", first, StringComparison.Ordinal);
        Assert.Contains("Action.Execute", first, StringComparison.Ordinal);
        Assert.Contains("The requester cannot approve their own change.", self, StringComparison.Ordinal);
        Assert.Contains("user:carol has already decided on this approval.", again, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
    }

    [Fact]
    public async Task Other_activities_are_acknowledged_and_ignored()
    {
        var message = JsonSerializer.Serialize(new { type = "message", text = "hi", channelId = "msteams", serviceUrl = BotFrameworkIssuer.ServiceUrl, from = new { aadObjectId = ApprovalChannelsHost.CarolAadId } });

        var (status, body) = await SendAsync(message, fixture.Bot.Token());

        Assert.Equal((HttpStatusCode.OK, string.Empty), (status, body));
    }
}
