using Microsoft.Extensions.Options;
using Qlrf.Drift;
using Qlrf.Functions.Discovery.Drift;
using Qlrf.Scheduling;

namespace Qlrf.Host.LocalTriggers;

/// <summary>The local equivalent of the daily drift snapshot's timer trigger, on <c>Qlrf:Drift:SnapshotSchedule</c>.</summary>
internal sealed class DriftSnapshotScheduler(
    DriftFunctions drift,
    IOptions<DriftOptions> options,
    TimeProvider time,
    ILogger<DriftSnapshotScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronSchedule.Parse(options.Value.SnapshotSchedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow());
            HostLogs.DriftSnapshotScheduled(logger, schedule.Expression, next);
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

                await drift.RunDailySnapshotsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostLogs.DriftSnapshotFailed(logger, ex);
            }
        }
    }
}
