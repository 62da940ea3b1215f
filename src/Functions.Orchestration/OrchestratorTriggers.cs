using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Qlrf.Ai.Tasks;
using Qlrf.Compliance.Evidence;
using Qlrf.Durable.Functions;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Rollouts;

namespace Qlrf.Functions.Orchestration;

/// <summary>
/// Azure glue: one <c>[OrchestrationTrigger]</c> per orchestrator registered in <c>OrchestrationRegistry</c>, named after
/// it and run by <see cref="DurableTaskRunner"/> on Durable Functions' context.
/// </summary>
internal sealed class OrchestratorTriggers(DurableTaskRunner runner)
{
    [Function(nameof(DrillOrchestrator))]
    public Task<object?> DrillOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(DrillOrchestrator), context);

    [Function(nameof(AiTaskOrchestrator))]
    public Task<object?> AiTaskOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(AiTaskOrchestrator), context);

    [Function(nameof(RolloutOrchestrator))]
    public Task<object?> RolloutOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(RolloutOrchestrator), context);

    [Function(nameof(CertificateRotationOrchestrator))]
    public Task<object?> CertificateRotationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(CertificateRotationOrchestrator), context);

    [Function(nameof(EvidencePackOrchestrator))]
    public Task<object?> EvidencePackOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunOrchestratorAsync(nameof(EvidencePackOrchestrator), context);
}
