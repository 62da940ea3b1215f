using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// Applies the rollout's patch set to one asset through its platform's executor, which leaves an asset that
/// already has it alone, so a repeated call changes nothing more. The image version stays as it was. Reads the
/// asset's health and state before the change (the health check's baseline). Throws when the change fails, so
/// durable retries can work.
/// </summary>
public sealed class ApplyPatchSetActivity(RolloutExecutors executors, RolloutPatchSets patchSets, AssetProgress progress, TimeProvider time, ILogger<ApplyPatchSetActivity> logger)
    : Activity<ApplyPatchSetInput, AssetChangeOutcome>
{
    public override async Task<AssetChangeOutcome> RunAsync(ActivityContext context, ApplyPatchSetInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        using var span = RolloutTelemetry.ActivitySource.StartActivity("rollout.apply_patch_set");
        span?.SetTag("qlrf.rollout.id", input.RolloutId);
        span?.SetTag("qlrf.asset.id", input.AssetId);
        try
        {
            var patchSet = patchSets.Find(input.PatchSetId)
                ?? throw new ExecutorException($"Patch set '{input.PatchSetId}' is no longer in the patch-set catalogue.");
            var asset = await executors.AssetAsync(input.Organisation, input.AssetId, ct);
            var executor = executors.For(asset.Source, asset.Asset.Platform);
            var before = await executor.CheckHealthAsync(input.Organisation, input.AssetId, ct);
            var started = time.GetUtcNow();
            var outcome = await executor.ApplyPatchSetAsync(
                new PatchSetChange(input.Organisation, input.AssetId, patchSet.Id, patchSet.Patches, Remove: false, input.IdempotencyKey)
                {
                    Progress = progress.For(input.Organisation, input.RolloutId, input.AssetId),
                }, ct);
            var finished = time.GetUtcNow();
            RolloutTelemetry.ApplyDuration.Record((finished - started).TotalMilliseconds);
            RolloutTelemetry.AssetChanges.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Changed ? "changed" : "unchanged"));
            return new AssetChangeOutcome(
                input.AssetId, outcome.Changed, before.Version, outcome.Version, before.Health, before.State, asset.Source, asset.Asset.Platform, started, finished);
        }
        catch (ExecutorException ex)
        {
            RolloutTelemetry.AssetChanges.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            RolloutLogs.ApplyFailed(logger, input.RolloutId, input.AssetId, "patch set " + input.PatchSetId, ex.Message);
            throw;
        }
    }
}
