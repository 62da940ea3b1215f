using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// The health check after a batch: asks each changed asset's executor for its health and version, judges it
/// by the gate's checks against how the asset stood before its change, and records every asset's result and
/// the rollout's progress. An asset whose change failed counts as failed without a check. Recording replaces
/// earlier results, so a repeat changes nothing.
/// </summary>
public sealed class CheckBatchHealthActivity(RolloutExecutors executors, IRolloutStore store, ILogger<CheckBatchHealthActivity> logger)
    : Activity<BatchCheckInput, BatchCheckResult>
{
    public override async Task<BatchCheckResult> RunAsync(ActivityContext context, BatchCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var span = RolloutTelemetry.ActivitySource.StartActivity("rollout.health_check");
        span?.SetTag("qlrf.rollout.id", input.RolloutId);
        var results = await Task.WhenAll(input.Steps.Select(s => JudgeAsync(input, s, context.CancellationToken)));
        var failures = results.Where(r => r.Status == RolloutAssetStatus.Failed).ToDictionary(r => r.AssetId, r => r.Detail ?? "failed", StringComparer.Ordinal);
        var progress = input.ProgressBefore with
        {
            Done = input.ProgressBefore.Done + results.Length - failures.Count,
            Failed = input.ProgressBefore.Failed + failures.Count,
        };
        await store.SaveResultsAsync(input.Organisation, input.RolloutId, results, progress, context.CancellationToken);
        RolloutLogs.BatchChecked(logger, input.RolloutId, progress.Stage, input.Batch, failures.Count, results.Length);
        return new BatchCheckResult(failures, progress);
    }

    private async Task<RolloutAssetResult> JudgeAsync(BatchCheckInput input, AssetStep step, CancellationToken cancellationToken)
    {
        var result = new RolloutAssetResult { AssetId = step.AssetId, Stage = input.Stage, Batch = input.Batch, ToVersion = input.TargetVersion };
        if (step.Outcome is not { } outcome)
        {
            return result with { Status = RolloutAssetStatus.Failed, StartedAt = step.At, FinishedAt = step.At, Detail = step.Error ?? "the change failed." };
        }

        var target = input.TargetVersion ?? outcome.ToVersion;
        result = result with
        {
            ToVersion = target,
            FromVersion = outcome.Changed ? outcome.FromVersion : null,
            Changed = outcome.Changed,
            StartedAt = outcome.StartedAt,
            FinishedAt = outcome.FinishedAt,
        };
        AssetHealthReport report;
        try
        {
            report = await executors.For(outcome.Source, outcome.Platform).CheckHealthAsync(input.Organisation, step.AssetId, cancellationToken);
        }
        catch (ExecutorException ex)
        {
            return result with { Status = RolloutAssetStatus.Failed, Detail = "the health check failed: " + ex.Message };
        }

        var problem = HealthGateRules.Judge(report, outcome.HealthBefore, outcome.StateBefore, target, input.Checks);
        return result with
        {
            Status = problem is null ? RolloutAssetStatus.Succeeded : RolloutAssetStatus.Failed,
            Detail = problem,
            Health = EnumText<Inventory.AssetHealth>.Of(report.Health),
        };
    }
}
