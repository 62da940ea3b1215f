using Qlrf.Approvals;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Approvals;

/// <summary>
/// Hands a closed approval to the orchestration waiting on it, as the <see cref="ApprovalEvents.ApprovalClosed"/>
/// event to the instance the approval names as its subject. Raising twice is harmless: the workflow takes the first.
/// </summary>
public sealed class OrchestrationApprovalListener(OrchestrationTenancy orchestrations) : IApprovalListener
{
    public bool Handles(string kind) => kind is "rollout" or "drill" or Certificates.CertificateRotationKinds.Approval or Secrets.SecretRotationKinds.Approval;

    public async Task ClosedAsync(Approval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        try
        {
            await orchestrations.For(approval.Organisation).RaiseEventAsync(approval.Subject, ApprovalEvents.ApprovalClosed, ApprovalOutcome.Of(approval), cancellationToken);
        }
        catch (NotFoundException)
        {
            // The workflow was purged; the approval's record stands on its own.
        }
    }
}
