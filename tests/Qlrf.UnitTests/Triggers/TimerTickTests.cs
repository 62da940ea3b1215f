using Qlrf.Scheduling;
using Qlrf.Triggers;

namespace Qlrf.UnitTests.Triggers;

public sealed class TimerTickTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_tick_covers_a_schedule_whose_occurrence_falls_since_the_previous_tick()
    {
        var quarterly = CronSchedule.Parse("0 */15 * * * *");
        Assert.True(new TimerTick(Noon, Noon.AddMinutes(-1), false).Covers(quarterly));
        Assert.False(new TimerTick(Noon.AddMinutes(1), Noon, false).Covers(quarterly));
    }

    [Fact]
    public void A_first_tick_covers_only_what_falls_on_its_own_second()
    {
        Assert.True(new TimerTick(Noon, null, false).Covers(CronSchedule.Parse("0 0 12 * * *")));
        Assert.False(new TimerTick(Noon.AddSeconds(5), null, false).Covers(CronSchedule.Parse("0 0 12 * * *")));
    }

    [Fact]
    public void Occurrences_missed_while_the_host_was_down_make_the_schedule_due_once()
    {
        var hourly = CronSchedule.Parse("0 0 * * * *");
        var tick = new TimerTick(Noon.AddMinutes(1), Noon.AddHours(-5), true);
        Assert.True(tick.Covers(hourly));
    }

    [Fact]
    public void A_schedule_finer_than_the_tick_is_due_at_each_tick()
    {
        var everyTenSeconds = CronSchedule.Parse("*/10 * * * * *");
        Assert.True(new TimerTick(Noon.AddMinutes(1), Noon, false).Covers(everyTenSeconds));
    }
}
