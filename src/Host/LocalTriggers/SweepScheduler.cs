using Qlrf.Discovery;
using Qlrf.Functions.Discovery;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// The local equivalent of the timer triggers: each source sweeps once at start-up (unless told not to)
/// and then on its own cron schedule.
/// </summary>
internal sealed class SweepScheduler(
    AssetSourceRegistry sources,
    SweepFunctions sweeps,
    TimeProvider time,
    ILogger<SweepScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(sources.Definitions.Select(d => RunAsync(d, stoppingToken)));

    private async Task RunAsync(AssetSourceDefinition source, CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (source.SweepAtStartup)
        {
            await SweepAsync(source, SweepTrigger.Startup, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = source.Schedule.GetNextOccurrence(time.GetUtcNow());
            HostLogs.Scheduled(logger, source.Name, source.Schedule.Expression, next);
            if (next is null)
            {
                return;
            }

            try
            {
                var delay = next.Value - time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await SweepAsync(source, SweepTrigger.Schedule, stoppingToken);
        }
    }

    private async Task SweepAsync(AssetSourceDefinition source, SweepTrigger trigger, CancellationToken stoppingToken)
    {
        try
        {
            await sweeps.RunScheduledSweepAsync(source.Name, trigger, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            HostLogs.ScheduledSweepFailed(logger, source.Name, ex);
        }
    }
}
