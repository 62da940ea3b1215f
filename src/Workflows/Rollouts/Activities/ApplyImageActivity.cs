using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Images;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// Moves one asset to the target version through its platform's executor, which checks the asset's current
/// version first, so a repeated call changes nothing more. Reads the asset's version, health and state before
/// the change (the health check's baseline). Throws when the change fails, so durable retries can work.
/// </summary>
public sealed class ApplyImageActivity(RolloutExecutors executors, IImageStore images, AssetProgress progress, TimeProvider time, ILogger<ApplyImageActivity> logger)
    : Activity<ApplyImageInput, AssetChangeOutcome>
{
    public override async Task<AssetChangeOutcome> RunAsync(ActivityContext context, ApplyImageInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        using var span = RolloutTelemetry.ActivitySource.StartActivity("rollout.apply");
        span?.SetTag("qlrf.rollout.id", input.RolloutId);
        span?.SetTag("qlrf.asset.id", input.AssetId);
        try
        {
            var asset = await executors.AssetAsync(input.Organisation, input.AssetId, ct);
            span?.AddEvent(new System.Diagnostics.ActivityEvent("asset read"));
            var executor = executors.For(asset.Source, asset.Asset.Platform);
            var version = await images.GetVersionAsync(input.Organisation, $"{input.Family}@{input.Version}", ct);
            span?.AddEvent(new System.Diagnostics.ActivityEvent("image read"));
            var before = await executor.CheckHealthAsync(input.Organisation, input.AssetId, ct);
            span?.AddEvent(new System.Diagnostics.ActivityEvent("health read"));
            var started = time.GetUtcNow();
            var outcome = await executor.ApplyImageAsync(
                new ImageChange(input.Organisation, input.AssetId, input.Family, input.Version, version?.On(asset.Asset.Platform)?.Reference, input.IdempotencyKey)
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
            RolloutLogs.ApplyFailed(logger, input.RolloutId, input.AssetId, input.Version, ex.Message);
            throw;
        }
    }
}
