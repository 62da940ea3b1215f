using Qlrf.Workflows.Control;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Orchestration;

internal sealed partial class RolloutRun
{
    /// <summary>
    /// Runs the stages: per batch, a checkpoint (pause, resume, cancel, the window's end), each asset's change
    /// (its compensation registered first), then the batch's health check; a broken gate rolls everything back.
    /// Between stages it notifies and waits. Returns how the rollout ended.
    /// </summary>
    public async Task<RolloutOutcome> RunStagesAsync(OrchestrationControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var wavesApproved = plan.Autonomy != Autonomy.CanaryOnly;
        for (var s = 0; s < plan.Stages.Count; s++)
        {
            var stage = plan.Stages[s];
            if (!stage.IsCanary && !wavesApproved)
            {
                wavesApproved = true;
                if (await ApproveAsync(WavesApprovalStep, s == 0 ? "the rollout" : "the waves after the canary") is { } refused)
                {
                    return refused;
                }
            }

            Report(Progress with { Stage = stage.Name, Wave = stage.Number });
            var failed = 0;
            for (var b = 0; b < stage.Batches.Count; b++)
            {
                if (await CheckpointAsync(control) is { } stopped)
                {
                    return stopped;
                }

                var failures = await RunBatchAsync(stage, b + 1, stage.Batches[b]);
                failed += failures.Count;
                var gate = plan.Strategy.HealthGate;
                if (HealthGateRules.Breached(failed, stage.AssetCount, gate.MaxFailurePercent))
                {
                    RolloutLogs.GateBroken(logger, Id, stage.Name, failed, stage.AssetCount, gate.MaxFailurePercent);
                    var first = failures.First();
                    var (restored, unrestored) = await UnwindAsync();
                    var reason = Invariant($"the health gate of {stage.Name} broke: {failed} of {stage.AssetCount} assets failed (at most {gate.MaxFailurePercent}% may), e.g. {first.Key}: {first.Value} {Restored(restored, unrestored)}");
                    return await FinishAsync(unrestored.Count == 0 ? RolloutStatus.RolledBack : RolloutStatus.Failed, "system", reason, NotificationEvent.RolledBack, results: unrestored);
                }
            }

            if (s < plan.Stages.Count - 1)
            {
                await NotifyAsync(NotificationEvent.WaveComplete, Invariant($"{stage.Name} is done ({Progress.Done} of {Progress.Total} assets done, {Progress.Failed} failed)."), suffix: stage.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (plan.Strategy.WaitBetweenWaves > TimeSpan.Zero)
                {
                    await context.CreateTimer(plan.Strategy.WaitBetweenWaves, CancellationToken.None);
                }
            }
        }

        return await FinishAsync(
            RolloutStatus.Completed,
            "system",
            Invariant($"{Progress.Done} of {Progress.Total} assets run {(plan.Target.IsImage ? plan.Target.ImageVersion : "patch set " + plan.Target.PatchSet)}; {Progress.Failed} failed within the health gate."),
            NotificationEvent.Completed);
    }

    /// <summary>
    /// A safe point between batches: applies pause, resume and cancel (recording each), and stops when the
    /// maintenance window has ended. Returns null to go on, or how the rollout ended.
    /// </summary>
    private async Task<RolloutOutcome?> CheckpointAsync(OrchestrationControl control)
    {
        Task? paused = null;
        var go = await control.CheckpointAsync(signal => paused ??= SetStatusAsync(RolloutStatus.Paused, signal.Actor, signal.Reason ?? "paused between batches."));
        if (paused is not null)
        {
            await paused;
            if (go)
            {
                var resume = control.Applied.Last(a => a.Action == ControlAction.Resume);
                await SetStatusAsync(RolloutStatus.Running, resume.Actor, resume.Reason ?? "resumed.");
            }
        }

        if (!go)
        {
            var cancel = control.Cancelled!;
            var reason = $"cancelled by {cancel.Actor}{(cancel.Reason is null ? string.Empty : $" (\"{cancel.Reason}\")")}";
            if (!cancel.Rollback)
            {
                return await FinishAsync(RolloutStatus.Cancelled, cancel.Actor, Invariant($"{reason}; the {Progress.Done} assets done keep their change."), NotificationEvent.Cancelled);
            }

            var (restored, unrestored) = await UnwindAsync();
            return await FinishAsync(unrestored.Count == 0 ? RolloutStatus.Cancelled : RolloutStatus.Failed, cancel.Actor, $"{reason}; {Restored(restored, unrestored)}", NotificationEvent.Cancelled, results: unrestored);
        }

        if (plan.Schedule is { } window && Now >= window.End)
        {
            return await FinishAsync(RolloutStatus.Cancelled, "system", Invariant($"its maintenance window ended at {window.End:u}; the {Progress.Done} assets done keep their change, {Progress.Total - Progress.Done - Progress.Failed} were not started."), NotificationEvent.Cancelled);
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, string>> RunBatchAsync(RolloutStage stage, int batch, IReadOnlyList<string> assets)
    {
        foreach (var asset in assets)
        {
            compensations.Register(asset, stage.Number, batch);
        }

        var steps = await Task.WhenAll(assets.Select(ApplyAsync));
        foreach (var step in steps)
        {
            if (step.Outcome is { } outcome)
            {
                sources.Add(outcome.Source);
                compensations.Revise(step.AssetId, outcome.Changed ? outcome.FromVersion : null);
            }
        }

        var check = await context.CallActivityAsync<BatchCheckResult>(
            nameof(CheckBatchHealthActivity),
            new BatchCheckInput(plan.Organisation, Id, stage.Number, batch, plan.Target.ImageVersion, plan.Strategy.HealthGate.Checks, steps, Progress),
            TaskOptions.FromRetryPolicy(StepRetry));
        Report(check.Progress);
        return check.Failures;
    }

    private async Task<AssetStep> ApplyAsync(string assetId)
    {
        try
        {
            var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(plan.ApplyAttempts, plan.ApplyRetryDelay, 2));
            var outcome = plan.Target.IsImage
                ? await context.CallActivityAsync<AssetChangeOutcome>(
                    nameof(ApplyImageActivity), new ApplyImageInput(plan.Organisation, Id, assetId, plan.Target.ImageFamily!, plan.Target.ImageVersion!), retry)
                : await context.CallActivityAsync<AssetChangeOutcome>(
                    nameof(ApplyPatchSetActivity), new ApplyPatchSetInput(plan.Organisation, Id, assetId, plan.Target.PatchSet!), retry);
            return new AssetStep(assetId, outcome, null, Now);
        }
        catch (TaskFailedException ex)
        {
            return new AssetStep(assetId, null, ex.FailureDetails.ErrorMessage, Now);
        }
    }

    /// <summary>Moves every asset the rollout changed back, newest change first. Returns how many moved and the ones that could not.</summary>
    private async Task<(int Restored, IReadOnlyList<RolloutAssetResult> Unrestored)> UnwindAsync()
    {
        var restored = 0;
        var unrestored = new List<RolloutAssetResult>();
        var undo = compensations.Unwind();
        if (undo.Count == 0)
        {
            return (0, unrestored);
        }

        Report(Progress with { Stage = "rollback" });
        foreach (var step in undo)
        {
            try
            {
                var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(plan.ApplyAttempts, plan.ApplyRetryDelay, 2));
                var source = plan.Target.IsImage
                    ? await context.CallActivityAsync<string?>(
                        nameof(RollbackAssetActivity), new RollbackAssetInput(plan.Organisation, Id, step.AssetId, plan.Target.ImageFamily!, step.ToVersion), retry)
                    : await context.CallActivityAsync<string?>(
                        nameof(RemovePatchSetActivity), new RemovePatchSetInput(plan.Organisation, Id, step.AssetId, plan.Target.PatchSet!), retry);
                if (source is not null)
                {
                    sources.Add(source);
                    restored++;
                    Report(Progress with { RolledBack = restored });
                }
            }
            catch (TaskFailedException ex)
            {
                unrestored.Add(new RolloutAssetResult
                {
                    AssetId = step.AssetId,
                    Stage = step.Stage,
                    Batch = step.Batch,
                    Status = RolloutAssetStatus.RollbackFailed,
                    ToVersion = plan.Target.ImageVersion,
                    Detail = "the rollback failed: " + ex.FailureDetails.ErrorMessage,
                    FinishedAt = Now,
                });
            }
        }

        return (restored, unrestored);
    }
}
