using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Images;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// A compensation: moves an asset back to the version it ran before the rollout (as its change reported it,
/// else as recorded when planned), and records it. Idempotent through the executor's own check. Throws when
/// the executor fails, so durable retries can work.
/// </summary>
public sealed class RollbackAssetActivity(RolloutExecutors executors, IImageStore images, IRolloutStore store, AssetProgress progress, TimeProvider time, ILogger<RollbackAssetActivity> logger)
    : Activity<RollbackAssetInput, string?>
{
    /// <summary>Returns the asset's source when it was moved back (it needs a sweep), else null.</summary>
    public override async Task<string?> RunAsync(ActivityContext context, RollbackAssetInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        using var span = RolloutTelemetry.ActivitySource.StartActivity("rollout.rollback");
        span?.SetTag("qlrf.rollout.id", input.RolloutId);
        span?.SetTag("qlrf.asset.id", input.AssetId);
        var recorded = await store.GetResultAsync(input.Organisation, input.RolloutId, input.AssetId, ct);
        var to = input.ToVersion ?? recorded?.FromVersion;
        if (to is null || recorded is null)
        {
            return null;
        }

        var asset = await executors.AssetAsync(input.Organisation, input.AssetId, ct);
        var version = await images.GetVersionAsync(input.Organisation, $"{input.Family}@{to}", ct);
        var started = time.GetUtcNow();
        var outcome = await executors.For(asset.Source, asset.Asset.Platform).ApplyImageAsync(
            new ImageChange(input.Organisation, input.AssetId, input.Family, to, version?.On(asset.Asset.Platform)?.Reference, input.IdempotencyKey)
            {
                Progress = progress.For(input.Organisation, input.RolloutId, input.AssetId),
            }, ct);
        await store.SaveResultsAsync(input.Organisation, input.RolloutId, [recorded with
        {
            Status = RolloutAssetStatus.RolledBack,
            Detail = $"rolled back to {to}{(recorded.Detail is null ? "." : " after: " + recorded.Detail)}",
            FinishedAt = time.GetUtcNow(),
            StartedAt = recorded.StartedAt ?? started,
        }], null, ct);
        RolloutTelemetry.AssetChanges.Add(1, new KeyValuePair<string, object?>("outcome", "rolled_back"));
        RolloutLogs.RolledBack(logger, input.RolloutId, input.AssetId, to, outcome.Changed);
        return asset.Source;
    }
}
