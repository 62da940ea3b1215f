namespace Qlrf.Approvals;

/// <summary>What an approval request shows a human in any channel.</summary>
/// <param name="ApprovalId">The approval's id; channels send it back with the decision.</param>
/// <param name="Kind">What is being approved: <c>rollout</c>, <c>drill</c>.</param>
/// <param name="Subject">The workflow instance (rollout id, drill id).</param>
/// <param name="Summary">One line: what changes, where.</param>
/// <param name="Facts">Further label/value facts (scope, risk, waves).</param>
/// <param name="Link">Where to read the whole plan, if the API is reachable from the channel's users.</param>
public sealed record ApprovalView(
    string ApprovalId,
    string Kind,
    string Subject,
    string Summary,
    string RiskLevel,
    double RiskScore,
    string RequestedBy,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    Uri? Link = null);

/// <summary>A decision on an approval, as a channel reports it back.</summary>
public enum ApprovalDecisionKind
{
    Approve,
    Reject,
}
