using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Qlrf.Ai.Tasks;
using Qlrf.Compliance.Evidence;
using Qlrf.Durable.Functions;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Workflows.Notifications;
using Qlrf.Workflows.Rollouts.Activities;

namespace Qlrf.Functions.Orchestration;

/// <summary>
/// Azure glue: one <c>[ActivityTrigger]</c> per activity registered in <c>OrchestrationRegistry</c>, named after it and
/// forwarded to <see cref="DurableTaskRunner"/>. Each binds a durable client, which serves <c>IOrchestrationClient</c>.
/// </summary>
internal sealed class ActivityTriggers(DurableTaskRunner runner)
{
    [Function(nameof(OpenApprovalActivity))]
    public Task<object?> OpenApprovalActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(OpenApprovalActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ExpireApprovalActivity))]
    public Task<object?> ExpireApprovalActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ExpireApprovalActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(IssueApprovalLinksActivity))]
    public Task<object?> IssueApprovalLinksActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(IssueApprovalLinksActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(NotifyActivity))]
    public Task<object?> NotifyActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(NotifyActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ExpireAiTaskActivity))]
    public Task<object?> ExpireAiTaskActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ExpireAiTaskActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(StartAiProposalsActivity))]
    public Task<object?> StartAiProposalsActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(StartAiProposalsActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(FollowAiProposalsActivity))]
    public Task<object?> FollowAiProposalsActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(FollowAiProposalsActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(FinishAiTaskActivity))]
    public Task<object?> FinishAiTaskActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(FinishAiTaskActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(DrillPreCheckActivity))]
    public Task<object?> DrillPreCheckActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(DrillPreCheckActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(StartDrJobActivity))]
    public Task<object?> StartDrJobActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(StartDrJobActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(GetDrJobActivity))]
    public Task<object?> GetDrJobActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(GetDrJobActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(CheckRecoveryActivity))]
    public Task<object?> CheckRecoveryActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(CheckRecoveryActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(DrillPostCheckActivity))]
    public Task<object?> DrillPostCheckActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(DrillPostCheckActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(RecordDrillProgressActivity))]
    public Task<object?> RecordDrillProgressActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(RecordDrillProgressActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(FinishDrillActivity))]
    public Task<object?> FinishDrillActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(FinishDrillActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(PlanRolloutActivity))]
    public Task<object?> PlanRolloutActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(PlanRolloutActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(SetRolloutStatusActivity))]
    public Task<object?> SetRolloutStatusActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SetRolloutStatusActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ApplyImageActivity))]
    public Task<object?> ApplyImageActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ApplyImageActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(CheckBatchHealthActivity))]
    public Task<object?> CheckBatchHealthActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(CheckBatchHealthActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(RollbackAssetActivity))]
    public Task<object?> RollbackAssetActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(RollbackAssetActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ApplyPatchSetActivity))]
    public Task<object?> ApplyPatchSetActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ApplyPatchSetActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(RemovePatchSetActivity))]
    public Task<object?> RemovePatchSetActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(RemovePatchSetActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(SweepSourcesActivity))]
    public Task<object?> SweepSourcesActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SweepSourcesActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(PlanRotationActivity))]
    public Task<object?> PlanRotationActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(PlanRotationActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ReadRotationActivity))]
    public Task<object?> ReadRotationActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ReadRotationActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(SetRotationStatusActivity))]
    public Task<object?> SetRotationStatusActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SetRotationStatusActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(IssueVersionActivity))]
    public Task<object?> IssueVersionActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(IssueVersionActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(DeployUsageActivity))]
    public Task<object?> DeployUsageActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(DeployUsageActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(RestoreVersionActivity))]
    public Task<object?> RestoreVersionActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(RestoreVersionActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ValidateEndpointActivity))]
    public Task<object?> ValidateEndpointActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ValidateEndpointActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(SweepCertificateSourceActivity))]
    public Task<object?> SweepCertificateSourceActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SweepCertificateSourceActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ScopeEvidencePackActivity))]
    public Task<object?> ScopeEvidencePackActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ScopeEvidencePackActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(WriteEvidencePackActivity))]
    public Task<object?> WriteEvidencePackActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(WriteEvidencePackActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(CompleteEvidencePackActivity))]
    public Task<object?> CompleteEvidencePackActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(CompleteEvidencePackActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(FailEvidencePackActivity))]
    public Task<object?> FailEvidencePackActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(FailEvidencePackActivity), input, instanceId, durable, cancellationToken);
}
