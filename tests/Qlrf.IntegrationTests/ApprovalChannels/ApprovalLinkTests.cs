using System.Net;
using System.Text.Json;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Channels.Links;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.ApprovalChannels;

/// <summary>Signed approval links through the host: taken from the webhook that carries an approval request.</summary>
public sealed class ApprovalLinkTests(ApprovalChannelsHost fixture) : IClassFixture<ApprovalChannelsHost>
{
    private QlrfHost Host => fixture.Host;

    /// <summary>The paths of a recipient's links, from the approval request the webhook received.</summary>
    private async Task<(string Approve, string Reject)> LinksAsync(Approval approval, string recipient)
    {
        string? approve = null, reject = null;
        await Eventually.TrueAsync(() =>
        {
            foreach (var request in fixture.Recorder.Requests.Where(r => r.Path == "/hook"))
            {
                using var body = JsonDocument.Parse(request.Body);
                if (body.RootElement.GetProperty("subject").GetString() == approval.Subject)
                {
                    var data = body.RootElement.GetProperty("data");
                    approve = new Uri(data.GetProperty("approveUrl:" + recipient).GetString()!).AbsolutePath;
                    reject = new Uri(data.GetProperty("rejectUrl:" + recipient).GetString()!).AbsolutePath;
                }
            }

            return Task.FromResult(approve is not null);
        }, TimeSpan.FromSeconds(30), $"the webhook with {approval.Subject}'s links");
        return (approve!, reject!);
    }

    private async Task<(HttpStatusCode Status, string Page)> GetAsync(string path)
    {
        using var browser = Host.CreateAnonymousClient();
        using var response = await browser.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Page)> PostAsync(string path, string comment = "")
    {
        using var browser = Host.CreateAnonymousClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["comment"] = comment });
        using var response = await browser.PostAsync(path, form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Opening_a_link_shows_the_confirmation_page_and_decides_nothing()
    {
        var approval = await fixture.RequestApprovalAsync("apr-link-view");
        var (approve, _) = await LinksAsync(approval, "dave");

        var (status, page) = await GetAsync(approve);
        var (again, _) = await GetAsync(approve);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, again));
        Assert.Contains("Approve rollout ro-apr-link-view?", page, StringComparison.Ordinal);
        Assert.Contains(ApprovalChannelsHost.Summary, page, StringComparison.Ordinal);
        Assert.Contains("High (61.5)", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", page, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        Assert.Empty(await fixture.DecisionAuditAsync(approval));
    }

    [Fact]
    public async Task Confirming_a_link_decides_once_as_its_recipient_and_a_reused_link_is_refused()
    {
        var approval = await fixture.RequestApprovalAsync("apr-link-once", required: 2);
        var (approve, _) = await LinksAsync(approval, "dave");

        var (status, page) = await PostAsync(approve, "checked the canary plan");
        var (reused, reusedPage) = await PostAsync(approve, "again");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("1 of 2 approvals", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, reused);
        Assert.Contains("already been used", reusedPage, StringComparison.Ordinal);
        var stands = await fixture.ApprovalAsync(approval.Id);
        var decision = Assert.Single(stands.Decisions);
        Assert.Equal(("user:dave", ApprovalDecisionKind.Approve, "checked the canary plan", "link"), (decision.Actor, decision.Decision, decision.Comment, decision.Channel));
        var audit = Assert.Single(await fixture.DecisionAuditAsync(approval));
        Assert.Equal(("user:dave", AuditOutcome.Success, "link"), (audit.Actor, audit.Outcome, audit.Source));
    }

    [Fact]
    public async Task A_reject_link_rejects_with_a_default_comment_and_then_every_link_of_the_approval_says_it_is_closed()
    {
        var approval = await fixture.RequestApprovalAsync("apr-link-reject");
        var (approve, reject) = await LinksAsync(approval, "dave");

        var (status, _) = await PostAsync(reject);
        var (closed, page) = await GetAsync(approve);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (status, closed));
        Assert.Contains("Already decided: rejected by user:dave", page, StringComparison.Ordinal);
        var rejected = await fixture.ApprovalAsync(approval.Id);
        Assert.Equal(ApprovalStatus.Rejected, rejected.Status);
        Assert.Equal("Rejected through a signed link sent to dave", rejected.Decisions.Single().Comment);
    }

    [Fact]
    public async Task A_forged_link_is_refused_whether_opened_or_confirmed()
    {
        var approval = await fixture.RequestApprovalAsync("apr-link-forged");
        var (approve, reject) = await LinksAsync(approval, "dave");
        var token = approve[(approve.LastIndexOf('/') + 1)..];
        var otherSignature = reject[(reject.LastIndexOf('.') + 1)..];
        var forgedKey = new ApprovalLinkSigner(new byte[32]).Sign(new ApprovalLink(Host.DefaultOrganisation(), approval.Id, ApprovalDecisionKind.Approve, "dave", "0123456789abcdef0123456789abcdef", approval.ExpiresAt));
        var forged = new[]
        {
            "/api/v1/approvals/links/" + token[..token.IndexOf('.', StringComparison.Ordinal)] + "." + otherSignature,
            "/api/v1/approvals/links/" + forgedKey,
            "/api/v1/approvals/links/garbage",
        };

        foreach (var path in forged)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(path)).Status);
        }

        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        Assert.Empty(await fixture.DecisionAuditAsync(approval));
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var approval = await fixture.RequestApprovalAsync("apr-link-expired");
        var expired = Host.Service<ApprovalLinkIssuer>().Issue(approval.Organisation, approval.Id, TimeProvider.System.GetUtcNow().AddMinutes(-1), ["dave"]).Single();

        Assert.Equal(HttpStatusCode.Gone, (await GetAsync(expired.Approve.AbsolutePath)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(expired.Approve.AbsolutePath)).Status);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
    }

    [Fact]
    public async Task A_recipient_without_approve_rights_is_refused_and_audited_and_no_token_reaches_the_audit_log()
    {
        var approval = await fixture.RequestApprovalAsync("apr-link-mallory");
        var (approve, _) = await LinksAsync(approval, "mallory");

        var (status, page) = await PostAsync(approve, "let me in");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Deciding needs approve:tasks in prod.", page, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.ApprovalAsync(approval.Id)).Status);
        var audit = Assert.Single(await fixture.DecisionAuditAsync(approval));
        Assert.Equal(("user:mallory", AuditOutcome.Denied), (audit.Actor, audit.Outcome));
        var token = approve[(approve.LastIndexOf('/') + 1)..];
        var everything = JsonSerializer.Serialize(await AuditHostFixture.EntriesAsync(Host));
        Assert.DoesNotContain(token[..20], everything, StringComparison.Ordinal);
        Assert.Contains("\"route\":\"api/v1/approvals/links/{token}\"", everything, StringComparison.Ordinal);
    }
}
