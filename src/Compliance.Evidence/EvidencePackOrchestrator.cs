using Qlrf.Orchestration;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// An evidence pack's build, durably: decide the scope → write the signed ZIP to the store → verify what was stored and
/// mark the pack stored. Each step is an idempotent activity (a retried one finds its work done); the custom status
/// carries the step and the files written. On failure the pack is marked failed with the reason. It only schedules.
/// </summary>
public sealed class EvidencePackOrchestrator : Orchestrator<EvidencePackInput, EvidencePackOutcome>
{
    public static readonly RetryPolicy StepRetry = new(3, TimeSpan.FromSeconds(2), 2);

    public override async Task<EvidencePackOutcome> RunAsync(IOrchestrationContext context, EvidencePackInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = TaskOptions.FromRetryPolicy(StepRetry);
        try
        {
            context.SetCustomStatus(new EvidencePackProgress("scoping", 0));
            var scope = await context.CallActivityAsync<EvidenceScope>(nameof(ScopeEvidencePackActivity), input, retry);
            context.SetCustomStatus(new EvidencePackProgress("writing", 0));
            var written = await context.CallActivityAsync<EvidencePackStepResult>(nameof(WriteEvidencePackActivity), new WriteEvidencePackInput(input.Organisation, input.PackId, scope), retry);
            context.SetCustomStatus(new EvidencePackProgress("verifying", written.Files));
            var stored = await context.CallActivityAsync<EvidencePackStepResult>(nameof(CompleteEvidencePackActivity), input, retry);
            context.SetCustomStatus(new EvidencePackProgress("stored", stored.Files));
            return new EvidencePackOutcome(EvidencePackStatus.Completed, stored.Files, stored.Size, null);
        }
        catch (TaskFailedException ex)
        {
            var reason = $"{ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}";
            await context.CallActivityAsync<bool>(nameof(FailEvidencePackActivity), new FailEvidencePackInput(input.Organisation, input.PackId, reason), retry);
            context.SetCustomStatus(new EvidencePackProgress("failed", 0));
            return new EvidencePackOutcome(EvidencePackStatus.Failed, 0, 0, reason);
        }
    }
}
