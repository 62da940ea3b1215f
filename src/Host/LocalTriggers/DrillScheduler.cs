using Microsoft.Extensions.Options;
using Qlrf.Dr;
using Qlrf.Functions.Orchestration.Drills;
using Qlrf.Scheduling;

namespace Qlrf.Host.LocalTriggers;

/// <summary>The local equivalent of the drill scheduler's timer trigger, on <c>Qlrf:Dr:SchedulerSchedule</c>: starts the scheduled drills that are due.</summary>
internal sealed class DrillScheduler(
    DrillSchedulingFunctions scheduling,
    IOptions<DrOptions> options,
    TimeProvider time,
    ILogger<DrillScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronSchedule.Parse(options.Value.SchedulerSchedule);
        HostLogs.DrillSchedulerStarted(logger, schedule.Expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow());
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

                await scheduling.StartDueDrillsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostLogs.DrillSchedulerFailed(logger, ex);
            }
        }
    }
}
