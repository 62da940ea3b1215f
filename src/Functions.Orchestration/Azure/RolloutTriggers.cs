using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Qlrf.Durable.Functions;
using Qlrf.Functions.Orchestration.Rollouts;
using Qlrf.Functions.Orchestration.Rollouts.Activities;

namespace Qlrf.Functions.Orchestration.AzureFunctions;

/// <summary>
/// Azure glue: the rollout orchestrator's <c>[OrchestrationTrigger]</c> and its activities' <c>[ActivityTrigger]</c>s,
/// each named after what <c>AddRollouts</c> registers and forwarded to <see cref="DurableTaskRunner"/>.
/// </summary>
internal sealed class RolloutTriggers(DurableTaskRunner runner)
{
    [Function(nameof(RolloutOrchestrator))]
    public Task<object?> RolloutOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(RolloutOrchestrator), context);

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

    [Function(nameof(SweepSourcesActivity))]
    public Task<object?> SweepSourcesActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SweepSourcesActivity), input, instanceId, durable, cancellationToken);
}
