namespace Qlrf.Approvals;

/// <summary>
/// Told when an approval closes (approved, rejected, expired), so the workflow waiting on it can go on:
/// the rollout and drill modules raise the decision as an external event to their orchestration.
/// </summary>
public interface IApprovalListener
{
    /// <summary>Whether this listener owns approvals of this kind (<c>rollout</c>, <c>drill</c>).</summary>
    bool Handles(string kind);

    Task ClosedAsync(Approval approval, CancellationToken cancellationToken);
}
