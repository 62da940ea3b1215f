using System.Text.Json;
using System.Text;
using Qlrf.Approvals;
using Qlrf.Channels.Links;
using Qlrf.Channels.Teams;
using Qlrf.Channels.Webhooks;
using Qlrf.Channels;

namespace Qlrf.UnitTests.Channels;

public sealed class TeamsAndLinksTests
{
    private static readonly ApprovalView View = new("apr-7", "drill", "dr-9", "test failover of orders-db", "Medium", 40, "carol", DateTimeOffset.UnixEpoch, []);

    [Fact]
    public void An_action_execute_invoke_names_the_user_verb_approval_and_comment()
    {
        using var activity = JsonDocument.Parse("""
            {"type":"invoke","name":"adaptiveCard/action","serviceUrl":"https://smba.trafficmanager.net/emea/",
             "from":{"id":"29:1abc","name":"Dana","aadObjectId":"6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b"},
             "value":{"action":{"type":"Action.Execute","verb":"reject","data":{"approvalId":"apr-7","comment":" not during the sale "}},"trigger":"manual"}}
            """);

        var invoke = TeamsInvoke.Parse(activity.RootElement);

        Assert.Equal(new TeamsInvoke("6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b", "Dana", ApprovalDecisionKind.Reject, "apr-7", "not during the sale", "https://smba.trafficmanager.net/emea/"), invoke);
    }

    [Fact]
    public void Other_activities_are_not_decisions()
    {
        using var message = JsonDocument.Parse("""{"type":"message","text":"hi","from":{"aadObjectId":"x"}}""");
        using var otherVerb = JsonDocument.Parse("""{"type":"invoke","name":"adaptiveCard/action","from":{"aadObjectId":"x"},"value":{"action":{"verb":"refresh","data":{"approvalId":"a"}}}}""");

        Assert.Null(TeamsInvoke.Parse(message.RootElement));
        Assert.Null(TeamsInvoke.Parse(otherVerb.RootElement));
    }

    [Fact]
    public void The_card_uses_action_execute_and_the_invoke_response_carries_a_card()
    {
        var card = TeamsApprovalCard.Request(View);
        var response = TeamsApprovalCard.InvokeResponse(TeamsApprovalCard.Outcome(View, "Rejected by Dana"));

        var actions = card["actions"]!.AsArray();
        Assert.Equal(["approve", "reject"], actions.Select(a => (string)a!["verb"]!));
        Assert.All(actions, a => Assert.Equal("Action.Execute", (string)a!["type"]!));
        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)response["type"]!);
        Assert.Contains("Rejected by Dana", response.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_link_verifies_until_it_expires_and_a_forged_one_never_does()
    {
        var signer = new ApprovalLinkSigner(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));
        var link = new ApprovalLink("acme", "apr-7", ApprovalDecisionKind.Approve, "ops@acme.example", ApprovalLinkSigner.NewNonce(), DateTimeOffset.UnixEpoch.AddHours(24));
        var token = signer.Sign(link);

        Assert.Equal(link, signer.Verify(token, DateTimeOffset.UnixEpoch.AddHours(1), out _));
        Assert.Null(signer.Verify(token, DateTimeOffset.UnixEpoch.AddHours(24), out var expired));
        Assert.Equal("The link has expired.", expired);

        var other = new ApprovalLinkSigner(Encoding.UTF8.GetBytes("fedcba9876543210fedcba9876543210"));
        Assert.Null(other.Verify(token, DateTimeOffset.UnixEpoch, out var forged));
        Assert.Equal("The link's signature is not valid.", forged);
        var flipped = signer.Sign(link with { Decision = ApprovalDecisionKind.Reject });
        Assert.Null(signer.Verify(token[..token.IndexOf('.', StringComparison.Ordinal)] + flipped[flipped.IndexOf('.', StringComparison.Ordinal)..], DateTimeOffset.UnixEpoch, out _));
        Assert.Null(signer.Verify("garbage", DateTimeOffset.UnixEpoch, out _));
    }

    [Fact]
    public void Webhook_signatures_cover_timestamp_and_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"rollout.completed"}""");
        var (timestamp, signature) = WebhookSignature.Sign("s3cret", body, DateTimeOffset.FromUnixTimeSeconds(1700000000));

        Assert.Equal("1700000000", timestamp);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes("1700000000." + """{"event":"rollout.completed"}""")));
        Assert.Equal("v1=" + expected, signature);
    }
}
