using System.Net;
using Qlrf.Approvals;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>
/// Rollouts approved from Slack and Teams through the host: Slack callbacks signed with the signing secret (response
/// URLs answered by a loopback recorder), Teams invokes with tokens from a loopback Bot Framework issuer. alice
/// requests; bob decides in Slack and carol in Teams, both engineers of the organisation.
/// </summary>
public sealed class RolloutChatApprovalTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private RecordingServer recorder = null!;
    private BotFrameworkIssuer bot = null!;
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        recorder = await RecordingServer.StartAsync();
        bot = await BotFrameworkIssuer.StartAsync();
        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
            ["Qlrf:Notifications:Slack:SigningSecret"] = ApprovalChannelsHost.SlackSecret,
            ["Qlrf:Notifications:Slack:ResponseUrlBase"] = new Uri(recorder.BaseAddress, "slack/").ToString(),
            ["Qlrf:Notifications:Teams:AppId"] = BotFrameworkIssuer.AppId,
            ["Qlrf:Notifications:Teams:OpenIdMetadata"] = bot.MetadataUrl.ToString(),
            [$"Qlrf:Approvals:Slack:Users:{ApprovalChannelsHost.BobSlackId}"] = "bob",
            [$"Qlrf:Approvals:Slack:Users:{ApprovalChannelsHost.AliceSlackId}"] = "alice",
            [$"Qlrf:Approvals:Teams:Users:{ApprovalChannelsHost.CarolAadId}"] = "carol",
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForDriftAsync(316);
        foreach (var engineer in new[] { "bob", "carol" })
        {
            await host.BindAsync(engineer, Role.Engineer, RoleScope.Organisation);
        }
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await bot.DisposeAsync();
        await recorder.DisposeAsync();
        directory.Dispose();
    }

    private async Task<(string Rollout, string Approval)> AwaitingApprovalAsync()
    {
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var id = await alice.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
        var waiting = await host.WaitForRolloutAsync(id, d => d.Rollout.Status == RolloutStatus.AwaitingApproval && d.Approvals.Count == 1, "to await approval");
        Assert.Equal(1, waiting.ApprovalRequirement.RequiredApprovals);
        return (id, waiting.Approvals[0].Id);
    }

    [Fact]
    public async Task A_correctly_signed_slack_callback_approves_the_rollout_and_forged_or_replayed_ones_get_401()
    {
        var (id, approval) = await AwaitingApprovalAsync();
        var now = TimeProvider.System.GetUtcNow();
        var responses = new Uri(recorder.BaseAddress, $"slack/actions/{approval}/bob");
        var aliceResponses = new Uri(recorder.BaseAddress, $"slack/actions/{approval}/alice");

        var forged = await host.SendAnonymouslyAsync(ChatApprovals.SlackSigned(ChatApprovals.SlackPress(approval, responses), now, secret: "not-the-signing-secret"));
        var stale = await host.SendAnonymouslyAsync(ChatApprovals.SlackSigned(ChatApprovals.SlackPress(approval, responses), now.AddMinutes(-6)));
        var self = await host.SendAnonymouslyAsync(ChatApprovals.SlackSigned(ChatApprovals.SlackPress(approval, aliceResponses, ApprovalChannelsHost.AliceSlackId), now));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (forged, stale, self));
        Assert.Contains("The requester cannot approve their own change.", (await recorder.WaitForAsync(aliceResponses.AbsolutePath)).Body, StringComparison.Ordinal);
        var still = await host.RolloutAsync(id);
        Assert.Equal((RolloutStatus.AwaitingApproval, ApprovalStatus.Pending), (still.Rollout.Status, still.Approvals[0].Status));

        var press = ChatApprovals.SlackPress(approval, responses);
        var signed = await host.SendAnonymouslyAsync(ChatApprovals.SlackSigned(press, now));
        var replayed = await host.SendAnonymouslyAsync(ChatApprovals.SlackSigned(press, now));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (signed, replayed));
        var done = await host.WaitForStatusAsync(id, RolloutStatus.Completed);
        var decision = Assert.Single(done.Approvals[0].Decisions);
        Assert.Equal(("user:bob", ApprovalDecisionKind.Approve, "slack"), (decision.Actor, decision.Decision, decision.Channel));
        Assert.All(done.Assets, a => Assert.Equal((RolloutAssetStatus.Succeeded, "2026.10.1"), (a.Status, a.ToVersion)));
        Assert.Contains("Approved by user:bob", (await recorder.WaitForAsync(responses.AbsolutePath)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teams_invoke_with_a_token_from_the_loopback_issuer_approves_the_rollout_and_a_bad_token_gets_401()
    {
        var (id, approval) = await AwaitingApprovalAsync();

        var none = await host.SendAnonymouslyAsync(ChatApprovals.TeamsInvoke(approval, token: null));
        var forged = await host.SendAnonymouslyAsync(ChatApprovals.TeamsInvoke(approval, bot.Token(signedWith: BotFrameworkIssuer.Forger)));
        var otherBot = await host.SendAnonymouslyAsync(ChatApprovals.TeamsInvoke(approval, bot.Token(audience: "another-bot")));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [none, forged, otherBot]);
        var still = await host.RolloutAsync(id);
        Assert.Equal((RolloutStatus.AwaitingApproval, 0), (still.Rollout.Status, still.Approvals[0].Decisions.Count));

        Assert.Equal(HttpStatusCode.OK, await host.SendAnonymouslyAsync(ChatApprovals.TeamsInvoke(approval, bot.Token())));

        var done = await host.WaitForStatusAsync(id, RolloutStatus.Completed);
        var decision = Assert.Single(done.Approvals[0].Decisions);
        Assert.Equal(("user:carol", ApprovalDecisionKind.Approve, "teams", "canary plan looks right"), (decision.Actor, decision.Decision, decision.Channel, decision.Comment));
        Assert.Equal(done.Rollout.Progress.Total, done.Rollout.Progress.Done);
    }
}
