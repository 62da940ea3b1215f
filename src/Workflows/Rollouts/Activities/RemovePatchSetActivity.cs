using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// The compensation of a patch-set step: removes the patch set from the asset (every planned asset lacked it
/// when planned), and records it. Idempotent through the executor's own check. Throws when the executor fails,
/// so durable retries can work.
/// </summary>
public sealed class RemovePatchSetActivity(RolloutExecutors executors, IRolloutStore store, AssetProgress progress, TimeProvider time, ILogger<RemovePatchSetActivity> logger)
    : Activity<RemovePatchSetInput, string?>
{
    /// <summary>Returns the asset's source when the patch set was removed (it needs a sweep), else null.</summary>
    public override async Task<string?> RunAsync(ActivityContext context, RemovePatchSetInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        using var span = RolloutTelemetry.ActivitySource.StartActivity("rollout.remove_patch_set");
        span?.SetTag("qlrf.rollout.id", input.RolloutId);
        span?.SetTag("qlrf.asset.id", input.AssetId);
        var recorded = await store.GetResultAsync(input.Organisation, input.RolloutId, input.AssetId, ct);
        if (recorded is null)
        {
            return null;
        }

        var asset = await executors.AssetAsync(input.Organisation, input.AssetId, ct);
        var started = time.GetUtcNow();
        var outcome = await executors.For(asset.Source, asset.Asset.Platform).ApplyPatchSetAsync(
            new PatchSetChange(input.Organisation, input.AssetId, input.PatchSetId, [], Remove: true, input.IdempotencyKey)
            {
                Progress = progress.For(input.Organisation, input.RolloutId, input.AssetId),
            }, ct);
        await store.SaveResultsAsync(input.Organisation, input.RolloutId, [recorded with
        {
            Status = RolloutAssetStatus.RolledBack,
            Detail = $"patch set {input.PatchSetId} removed{(recorded.Detail is null ? "." : " after: " + recorded.Detail)}",
            FinishedAt = time.GetUtcNow(),
            StartedAt = recorded.StartedAt ?? started,
        }], null, ct);
        RolloutTelemetry.AssetChanges.Add(1, new KeyValuePair<string, object?>("outcome", "rolled_back"));
        RolloutLogs.RolledBack(logger, input.RolloutId, input.AssetId, "without patch set " + input.PatchSetId, outcome.Changed);
        return asset.Source;
    }
}
