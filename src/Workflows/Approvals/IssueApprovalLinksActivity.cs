using Qlrf.Channels.Links;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Approvals;

/// <summary>
/// Signed approve and reject links for an open approval, for a workflow that sends them itself (a mail
/// step). Each call makes new links (new nonces), which is why it is an activity; every link works once
/// and expires with the approval. Without recipients, the configured <c>Qlrf:Approvals:Links:Recipients</c>
/// get links. None when links are off. Approval requests sent through the dispatcher already carry the
/// configured recipients' links in their data.
/// </summary>
public sealed class IssueApprovalLinksActivity(ApprovalLinkIssuer links) : Activity<ApprovalLinksRequest, IReadOnlyList<IssuedApprovalLinks>>
{
    public override Task<IReadOnlyList<IssuedApprovalLinks>> RunAsync(ActivityContext context, ApprovalLinksRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(input.Recipients is { Count: > 0 } recipients
            ? links.Issue(input.Organisation, input.ApprovalId, input.ExpiresAt, recipients)
            : links.Issue(input.Organisation, input.ApprovalId, input.ExpiresAt));
    }
}

/// <summary>Which approval to make links for, until when, and for whom (QL-RF subjects; default the configured recipients).</summary>
public sealed record ApprovalLinksRequest(string Organisation, string ApprovalId, DateTimeOffset ExpiresAt, IReadOnlyList<string>? Recipients = null);
