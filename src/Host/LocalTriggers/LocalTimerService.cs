using Microsoft.Extensions.Options;
using Qlrf.Scheduling;
using Qlrf.Triggers;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// The local equivalent of the timer triggers: runs every registered <see cref="TimerFunction"/> on the schedule
/// in its app setting (or its default), one occurrence at a time per function as Azure does. An occurrence
/// missed while the previous one ran is not run again, but the next tick names the previous one, so a
/// function can catch up. A bad schedule stops the host at start-up, naming the setting.
/// </summary>
internal sealed class LocalTimerService(
    IOptions<TimerFunctionRegistry> registry,
    IEnumerable<TimerWake> wakes,
    IConfiguration configuration,
    IServiceProvider services,
    TimeProvider time,
    ILogger<LocalTimerService> logger) : BackgroundService
{
    /// <summary>The longest single wait (Task.Delay takes at most about 49 days); a later occurrence is waited for in steps.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly List<(TimerFunction Timer, CronSchedule Schedule)> timers = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var timer in registry.Value.Timers.Values)
        {
            var configured = configuration[timer.ScheduleSetting];
            var expression = string.IsNullOrWhiteSpace(configured) ? timer.DefaultSchedule(services) : configured;
            if (!CronSchedule.TryParse(expression, out var schedule, out var error))
            {
                throw new InvalidOperationException($"Setting '{timer.ScheduleSetting}' (the schedule of timer function {timer.Name}) {error}");
            }

            timers.Add((timer, schedule));
            HostLogs.TimerScheduled(logger, timer.Name, schedule.Expression, timer.ScheduleSetting);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(timers.Select(t => RunAsync(t.Timer, t.Schedule, wakes.FirstOrDefault(w => w.TimerName == t.Timer.Name), stoppingToken)));

    private async Task RunAsync(TimerFunction timer, CronSchedule schedule, TimerWake? wake, CancellationToken stoppingToken)
    {
        await Task.Yield();
        DateTimeOffset? previous = null;
        var next = schedule.GetNextOccurrence(time.GetUtcNow());
        while (next is not null && !stoppingToken.IsCancellationRequested)
        {
            var delay = next.Value - time.GetUtcNow();
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    var wait = delay < MaxWait ? delay : MaxWait;
                    await (wake is null ? Task.Delay(wait, time, stoppingToken) : wake.WaitAsync(wait, stoppingToken));
                    if (wake is null && time.GetUtcNow() < next.Value)
                    {
                        continue;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = time.GetUtcNow();
            var scheduled = now < next.Value ? now : next.Value;
            var tick = new TimerTick(scheduled, previous, now - next.Value > TimeSpan.FromSeconds(1));
            try
            {
                await timer.Run(services, tick, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                HostLogs.TimerFailed(logger, timer.Name, ex);
            }

            previous = scheduled;
            next = schedule.GetNextOccurrence(Max(scheduled, time.GetUtcNow()));
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
