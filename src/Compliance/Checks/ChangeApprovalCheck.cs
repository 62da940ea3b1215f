using System.Globalization;
using Qlrf.Approvals;
using Qlrf.Rollouts;

namespace Qlrf.Compliance.Checks;

/// <summary>
/// <c>change-approved</c>: every production change (a rollout that touched a production environment and started, in
/// the last <c>lookbackDays</c>) was approved by someone other than its requester. A change that ran without an
/// approval, or whose only approvals came from its requester, fails.
/// </summary>
public sealed class ChangeApprovalCheck(IRolloutStore rollouts, IApprovalStore approvals) : IComplianceCheck
{
    public const string CheckId = "change-approved";

    public string Id => CheckId;

    public string ObjectKind => "change";

    public string Description => "Every production change was approved by someone other than its requester.";

    public IReadOnlyList<CheckParameter> Parameters { get; } =
        [CheckParameter.Number("lookbackDays", 90, 1, 3650, "How far back changes count.")];

    public bool ClockDependent => true;

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var since = context.Now.AddDays(-context.Parameters.Number("lookbackDays"));
        var results = new List<CheckObjectResult>();
        string? after = null;
        do
        {
            var page = await rollouts.ListAsync(context.Organisation, new RolloutFilter(), 200, after, cancellationToken);
            foreach (var rollout in page.Items)
            {
                if (rollout.CreatedAt < since)
                {
                    return results;
                }

                var production = rollout.Environments.FirstOrDefault(context.ProductionEnvironments.Contains);
                if (production is null || rollout.StartedAt is null)
                {
                    continue;
                }

                var decided = await approvals.ListBySubjectAsync(context.Organisation, rollout.Id, cancellationToken);
                var (passed, reason) = Judge(rollout.RequestedBy, decided);
                results.Add(new CheckObjectResult(ObjectKind, rollout.Id, passed, reason) { Environment = production });
            }

            after = page.NextCursor;
        }
        while (after is not null);

        return results;
    }

    /// <summary>Whether a change requested by <paramref name="requester"/> was approved by someone else.</summary>
    public static (bool Passed, string Reason) Judge(string requester, IReadOnlyList<Approval> approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        var approvers = approvals
            .Where(a => a.Status == ApprovalStatus.Approved)
            .SelectMany(a => a.Decisions)
            .Where(d => d.Decision == ApprovalDecisionKind.Approve)
            .Select(d => d.Actor)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (approvers.Count == 0)
        {
            return (false, $"requested by {requester} and ran without an approval");
        }

        var others = approvers.Where(a => a != requester).ToList();
        return others.Count > 0
            ? (true, string.Create(CultureInfo.InvariantCulture, $"requested by {requester}, approved by {string.Join(", ", others)}"))
            : (false, $"requested by {requester} and approved only by the requester");
    }
}
