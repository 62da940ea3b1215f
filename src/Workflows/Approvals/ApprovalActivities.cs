using Qlrf.Approvals;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Approvals;

/// <summary>Opens an approval (idempotent: the approval id is derived from the instance).</summary>
public sealed class OpenApprovalActivity(ApprovalService approvals) : Activity<Approval, Approval>
{
    public override Task<Approval> RunAsync(ActivityContext context, Approval input) =>
        approvals.OpenAsync(input, context.CancellationToken);
}

/// <summary>Closes an approval whose timer won; returns how it really ended (a decision may have just landed).</summary>
public sealed class ExpireApprovalActivity(ApprovalService approvals) : Activity<ApprovalRef, ApprovalOutcome>
{
    public override async Task<ApprovalOutcome> RunAsync(ActivityContext context, ApprovalRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ApprovalOutcome.Of(await approvals.ExpireAsync(input.Organisation, input.ApprovalId, context.CancellationToken));
    }
}

/// <summary>Names an approval.</summary>
public sealed record ApprovalRef(string Organisation, string ApprovalId);
