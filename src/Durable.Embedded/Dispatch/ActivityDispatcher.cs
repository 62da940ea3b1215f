using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;
using ActivityContext = Qlrf.Orchestration.ActivityContext;

namespace Qlrf.Durable;

/// <summary>
/// Leases scheduled activities and runs them, each in its own dependency-injection scope, up to the configured
/// concurrency. A result is committed against the lease it ran under: if the lease passed on meanwhile (it
/// expired and another dispatch ran the activity again) the result is discarded.
/// </summary>
internal sealed class ActivityDispatcher(
    DurableStore store,
    CommitQueue commits,
    LeaseTracker leases,
    IOptions<OrchestrationRegistry> registry,
    IServiceProvider services,
    DurableTelemetry telemetry,
    TimeProvider time,
    ILogger<ActivityDispatcher> logger)
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);

    private readonly PayloadCodec codec = new(store.Options.MaxPayloadBytes);
    private int running;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var max = store.Options.MaxConcurrentActivities;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = max - Volatile.Read(ref running);
                var items = free > 0 ? await store.LeaseActivitiesAsync(free, stoppingToken) : [];
                if (items.Count == 0)
                {
                    await store.ActivityWork.WaitAsync(IdleWait, time, stoppingToken);
                    continue;
                }

                foreach (var item in items)
                {
                    Interlocked.Increment(ref running);
                    leases.Hold(item);
                    _ = Task.Run(() => RunOneAsync(item, stoppingToken), CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.DispatcherFaulted(logger, "activity", ex);
                await Pause.QuietlyAsync(Pause.AfterFault, time, stoppingToken);
            }
        }
    }

    private async Task RunOneAsync(ActivityWorkItem item, CancellationToken stoppingToken)
    {
        try
        {
            var result = await ExecuteAsync(item, stoppingToken);
            if (!await commits.CommitActivityAsync(result))
            {
                Logs.ActivityResultDiscarded(logger, item.Name, item.TaskId, item.InstanceId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the activity's lease is reclaimed at the next start and it runs again.
        }
        finally
        {
            leases.Release(item);
            Interlocked.Decrement(ref running);
            store.ActivityWork.Set();
        }
    }

    private async Task<ActivityResult> ExecuteAsync(ActivityWorkItem item, CancellationToken stoppingToken)
    {
        if (item.DispatchCount > store.Options.MaxDispatchCount)
        {
            Logs.ActivityPoisoned(logger, item.Name, item.TaskId, item.InstanceId, item.DispatchCount - 1);
            return new ActivityResult(item, null, RuntimeErrors.Poison($"activity '{item.Name}'", item.DispatchCount - 1, null));
        }

        if (!registry.Value.Activities.TryGetValue(item.Name, out var registration))
        {
            return new ActivityResult(item, null, RuntimeErrors.UnknownActivity(item.Name, registry.Value.Activities.Keys));
        }

        var started = time.GetTimestamp();
        using var span = DurableTelemetry.ActivitySource.StartActivity("activity " + item.Name, ActivityKind.Internal);
        span?.SetTag("qlrf.durable.instance_id", item.InstanceId);
        span?.SetTag("qlrf.durable.task_id", item.TaskId);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var activity = registration.Create(scope.ServiceProvider);
            var input = PayloadCodec.Deserialize(item.Input, activity.InputType);
            var output = await activity.RunAsync(new ActivityContext(item.Name, item.InstanceId, stoppingToken), input);
            return new ActivityResult(item, codec.Serialize(output, $"result of activity '{item.Name}'"), null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PayloadTooLargeException ex)
        {
            return new ActivityResult(item, null, TaskFailureDetails.FromException(ex) with { IsNonRetriable = true });
        }
        catch (Exception ex)
        {
            Logs.ActivityFailed(logger, item.Name, item.TaskId, item.InstanceId, ex.Message);
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return new ActivityResult(item, null, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            telemetry.ActivityDuration.Record(time.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("activity", item.Name));
        }
    }
}
