using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// Leases instances whose inbox has work, runs a step of each on the thread pool, and hands the results to the
/// group commit. It sleeps until an in-process signal (new work, a finished step) or the next timer's time.
/// </summary>
internal sealed partial class OrchestrationDispatcher(
    DurableStore store,
    CommitQueue commits,
    ExecutionCache cache,
    LeaseTracker leases,
    CompletionWatchers watchers,
    IOptions<OrchestrationRegistry> registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    DurableTelemetry telemetry,
    TimeProvider time,
    ILogger<OrchestrationDispatcher> logger)
{
    /// <summary>The longest sleep without a signal: a safety net for leases that expire unseen.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);

    private readonly PayloadCodec codec = new(store.Options.MaxPayloadBytes);
    private int inFlight;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var max = store.Options.MaxConcurrentOrchestrations;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = max - Volatile.Read(ref inFlight);
                var items = free > 0 ? await store.LeaseOrchestrationsAsync(free, stoppingToken) : [];
                if (items.Count == 0)
                {
                    await store.OrchestrationWork.WaitAsync(free > 0 ? UntilNextTimer() : IdleWait, time, stoppingToken);
                    continue;
                }

                foreach (var item in items)
                {
                    Interlocked.Increment(ref inFlight);
                    leases.Hold(item);
                    _ = Task.Run(() => ProcessAsync(item), CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.DispatcherFaulted(logger, "orchestration", ex);
                await Pause.QuietlyAsync(Pause.AfterFault, time, stoppingToken);
            }
        }
    }

    private TimeSpan UntilNextTimer()
    {
        var now = time.GetUtcNow();
        if (store.NextReadyAfter(now) is not { } next)
        {
            return IdleWait;
        }

        var wait = next - now;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < IdleWait ? wait : IdleWait;
    }

    private async Task ProcessAsync(OrchestrationWorkItem item)
    {
        var started = time.GetTimestamp();
        var instanceId = item.Instance.InstanceId;
        using var span = DurableTelemetry.ActivitySource.StartActivity("orchestration step", ActivityKind.Internal);
        span?.SetTag("qlrf.durable.instance_id", instanceId);
        span?.SetTag("qlrf.durable.orchestrator", item.Instance.Name);
        OrchestrationExecution? execution = null;
        try
        {
            StepCommit commit;
            try
            {
                (commit, execution) = Execute(item);
                span?.AddEvent(new ActivityEvent("executed", tags: new ActivityTagsCollection
                {
                    ["messages"] = string.Join(",", item.Messages.Select(m => m.Kind)),
                    ["history"] = item.Instance.HistoryCount,
                    ["replayed"] = execution?.Replayed ?? false,
                    ["activities"] = commit.Result?.Activities.Count ?? 0,
                }));
            }
            catch (Exception ex)
            {
                Logs.StepCrashed(logger, instanceId, ex);
                commit = new StepCommit(item, null, [], $"{ex.GetType().Name}: {ex.Message}");
            }

            // Cached before the commit lands: the commit frees the instance, and its next message (an activity that
            // finishes at once) may be leased before this task runs again; it must find the execution, not replay history.
            if (execution is not null && commit.Result is { Outcome: StepOutcome.Running or StepOutcome.Suspended })
            {
                cache.Put(execution);
            }

            var (status, error) = await commits.CommitStepAsync(commit);
            span?.AddEvent(new ActivityEvent("committed"));
            if (status == CommitStatus.Committed && commit.Result is { } result)
            {
                AfterCommit(item.Instance, result, execution);
                telemetry.Steps.Add(1, new KeyValuePair<string, object?>("outcome", Json.EnumText<StepOutcome>.Of(result.Outcome)));
            }
            else
            {
                cache.Evict(instanceId);
                if (status == CommitStatus.LeaseLost)
                {
                    Logs.StepLeaseLost(logger, instanceId);
                }
                else if (commit.Result is not null)
                {
                    Logs.StepRejected(logger, instanceId, error);
                }
            }
        }
        catch (OperationCanceledException)
        {
            cache.Evict(instanceId);
        }
        finally
        {
            leases.Release(item);
            Interlocked.Decrement(ref inFlight);
            telemetry.StepDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            store.OrchestrationWork.Set();
        }
    }

    private void AfterCommit(InstanceRecord instance, StepResult result, OrchestrationExecution? execution)
    {
        foreach (var e in result.NewEvents)
        {
            switch (e.Kind)
            {
                case HistoryEventKind.ExecutionStarted:
                    Logs.InstanceStarted(logger, instance.InstanceId, instance.Name, instance.Generation);
                    break;
                case HistoryEventKind.ExecutionSuspended:
                    Logs.InstanceSuspended(logger, instance.InstanceId, instance.Name);
                    break;
                case HistoryEventKind.ExecutionResumed:
                    Logs.InstanceResumed(logger, instance.InstanceId, instance.Name);
                    break;
                default:
                    break;
            }
        }

        switch (result.Outcome)
        {
            case StepOutcome.Running or StepOutcome.Suspended when execution is not null:
                // Already cached before the commit (and perhaps taken by the next step since).
                return;
            case StepOutcome.Completed:
                Logs.InstanceCompleted(logger, instance.InstanceId, instance.Name);
                break;
            case StepOutcome.Failed:
                Logs.InstanceFailed(logger, instance.InstanceId, instance.Name, result.Failure?.ToString() ?? "unknown");
                break;
            case StepOutcome.Terminated:
                Logs.InstanceTerminated(logger, instance.InstanceId, instance.Name, result.Output);
                break;
            case StepOutcome.ContinuedAsNew:
                Logs.InstanceContinuedAsNew(logger, instance.InstanceId, instance.Name);
                break;
            default:
                break;
        }

        cache.Evict(instance.InstanceId);
        if (result.IsTerminal)
        {
            watchers.Notify(instance.InstanceId);
        }
    }

}
