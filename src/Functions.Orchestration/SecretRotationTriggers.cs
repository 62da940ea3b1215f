using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Qlrf.Durable.Functions;
using Qlrf.Workflows.Secrets;

namespace Qlrf.Functions.Orchestration;

/// <summary>Azure glue: the secret rotation orchestrator and its activities, each run by the shared runner.</summary>
internal sealed class SecretRotationTriggers(DurableTaskRunner runner)
{
    [Function(nameof(SecretRotationOrchestrator))]
    public Task<object?> SecretRotationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(SecretRotationOrchestrator), context);

    [Function(nameof(PlanSecretRotationActivity))]
    public Task<object?> PlanSecretRotationActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(PlanSecretRotationActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(ReadSecretRotationActivity))]
    public Task<object?> ReadSecretRotationActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(ReadSecretRotationActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(SetSecretRotationStatusActivity))]
    public Task<object?> SetSecretRotationStatusActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SetSecretRotationStatusActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(AddSecretVersionActivity))]
    public Task<object?> AddSecretVersionActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(AddSecretVersionActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(RestoreSecretVersionActivity))]
    public Task<object?> RestoreSecretVersionActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(RestoreSecretVersionActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(RestartWorkloadActivity))]
    public Task<object?> RestartWorkloadActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(RestartWorkloadActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(CheckWorkloadActivity))]
    public Task<object?> CheckWorkloadActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(CheckWorkloadActivity), input, instanceId, durable, cancellationToken);

    [Function(nameof(SweepSecretSourceActivity))]
    public Task<object?> SweepSecretSourceActivity(
        [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunActivityAsync(nameof(SweepSecretSourceActivity), input, instanceId, durable, cancellationToken);
}
