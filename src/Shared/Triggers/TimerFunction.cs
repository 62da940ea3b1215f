namespace Qlrf.Triggers;

/// <summary>
/// A timer function: its name (the Azure function's name), the app setting that holds its NCRONTAB schedule
/// (bound on Azure as <c>[TimerTrigger("%setting%")]</c>, read from configuration by the local host), the
/// schedule used where that setting is absent, and what it runs.
/// </summary>
/// <param name="Name">The function's name; use <c>nameof</c> of the method it runs.</param>
/// <param name="ScheduleSetting">A flat app-setting name (no <c>:</c> or <c>__</c>), as Azure resolves <c>%...%</c> on Linux.</param>
/// <param name="DefaultSchedule">The schedule where the setting is absent, read when the host starts.</param>
/// <param name="Run">What each occurrence runs.</param>
public sealed record TimerFunction(
    string Name,
    string ScheduleSetting,
    Func<IServiceProvider, string> DefaultSchedule,
    Func<IServiceProvider, TimerTick, CancellationToken, Task> Run);

/// <summary>
/// One occurrence of a timer: the time it was scheduled for, the previous occurrence (null on the first one
/// a host runs), and whether it runs late because the previous run overran or the host was down.
/// </summary>
public sealed record TimerTick(DateTimeOffset ScheduledAt, DateTimeOffset? PreviousScheduledAt, bool IsPastDue)
{
    /// <summary>
    /// Whether <paramref name="schedule"/> had an occurrence since the previous tick, up to this one; on a first
    /// tick, whether it has one at this tick's second. A schedule missed while the host was down is due once.
    /// </summary>
    public bool Covers(Scheduling.CronSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var after = PreviousScheduledAt ?? ScheduledAt.AddSeconds(-1);
        return schedule.GetNextOccurrence(after) is { } next && next <= ScheduledAt;
    }
}
