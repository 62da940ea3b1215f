using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Qlrf.Durable;

/// <summary>
/// Group commit: steps and activity results queue here, and one loop writes everything queued in one
/// transaction while the next batch gathers. A batch whose transaction fails is written again; one that keeps
/// failing is written item by item, so that one bad item cannot stop the rest.
/// </summary>
internal sealed class CommitQueue(DurableStore store, TimeProvider time, ILogger<CommitQueue> logger)
{
    private const int MaxBatch = 2000;
    private const int AttemptsBeforeSplitting = 3;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public Task<(CommitStatus Status, string? Error)> CommitStepAsync(StepCommit step)
    {
        var pending = new Pending(step, null);
        queue.Writer.TryWrite(pending);
        return pending.Step.Task;
    }

    /// <summary>Commits an activity result; false if it was discarded (its lease had passed on).</summary>
    public Task<bool> CommitActivityAsync(ActivityResult result)
    {
        var pending = new Pending(null, result);
        queue.Writer.TryWrite(pending);
        return pending.Result.Task;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await CommitAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var pending in batch)
            {
                pending.Cancel();
            }

            while (queue.Reader.TryRead(out var left))
            {
                left.Cancel();
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        var steps = batch.Where(p => p.StepCommit is not null).ToList();
        var results = batch.Where(p => p.ActivityResult is not null).ToList();
        for (var attempt = 1; attempt <= AttemptsBeforeSplitting; attempt++)
        {
            try
            {
                var report = await store.CommitAsync(steps.ConvertAll(p => p.StepCommit!), results.ConvertAll(p => p.ActivityResult!), CancellationToken.None);
                Complete(steps, results, report);
                return;
            }
            catch (Exception ex)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                Logs.CommitFailed(logger, steps.Count, results.Count, attempt, ex);
                await Pause.QuietlyAsync(TimeSpan.FromMilliseconds(10 * attempt * attempt), time, stoppingToken);
            }
        }

        foreach (var pending in batch)
        {
            await CommitAloneAsync(pending, stoppingToken);
        }
    }

    private async Task CommitAloneAsync(Pending pending, CancellationToken stoppingToken)
    {
        try
        {
            var report = await store.CommitAsync(
                pending.StepCommit is { } step ? [step] : [],
                pending.ActivityResult is { } result ? [result] : [],
                CancellationToken.None);
            Complete(pending.StepCommit is null ? [] : [pending], pending.ActivityResult is null ? [] : [pending], report);
        }
        catch (Exception ex)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (pending.ActivityResult is { } lost)
            {
                Logs.ActivityResultLost(logger, lost.Item.InstanceId, lost.Item.TaskId, ex);
                pending.Result.TrySetResult(false);
            }
            else
            {
                pending.Step.TrySetResult(await ReleaseAsync(pending.StepCommit!, $"Writing the step failed: {ex.GetType().Name}: {ex.Message}"));
            }
        }
    }

    /// <summary>Ends the lease of a step that cannot be written, recording the error, so that it runs again (and in the end fails as poison).</summary>
    private async Task<(CommitStatus, string?)> ReleaseAsync(StepCommit step, string error)
    {
        try
        {
            return (await store.ReleaseAsync(step.WorkItem, error, CancellationToken.None), error);
        }
        catch (Exception ex)
        {
            Logs.CommitFailed(logger, 1, 0, AttemptsBeforeSplitting + 1, ex);
            return (CommitStatus.LeaseLost, error);
        }
    }

    private static void Complete(List<Pending> steps, List<Pending> results, CommitReport report)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            steps[i].Step.TrySetResult(report.Steps[i]);
        }

        for (var i = 0; i < results.Count; i++)
        {
            results[i].Result.TrySetResult(report.ActivityResults[i]);
        }
    }

    private sealed class Pending(StepCommit? step, ActivityResult? result)
    {
        public StepCommit? StepCommit { get; } = step;

        public ActivityResult? ActivityResult { get; } = result;

        public TaskCompletionSource<(CommitStatus, string?)> Step { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Cancel()
        {
            Step.TrySetCanceled();
            Result.TrySetCanceled();
        }
    }
}
