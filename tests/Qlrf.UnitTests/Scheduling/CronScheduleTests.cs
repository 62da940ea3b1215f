using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Dr;
using Qlrf.Scheduling;
using Qlrf.Workflows.Drills;

namespace Qlrf.UnitTests.Scheduling;

public sealed class CronScheduleTests
{
    private static DateTimeOffset At(int month, int day, int hour, int minute, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Theory]
    [InlineData("0 */15 * * * *", "2026-11-22T10:07:30Z", "2026-11-22T10:15:00Z")]
    [InlineData("0 */15 * * * *", "2026-11-22T10:15:00Z", "2026-11-22T10:30:00Z")]
    [InlineData("*/15 * * * *", "2026-11-22T23:50:00Z", "2026-11-23T00:00:00Z")]
    [InlineData("30 5 2 1 * *", "2026-11-22T00:00:00Z", "2026-12-01T02:05:30Z")]
    [InlineData("0 0 3 * * MON", "2026-11-22T00:00:00Z", "2026-11-23T03:00:00Z")]
    [InlineData("0 0 3 * * 0", "2026-11-22T04:00:00Z", "2026-11-29T03:00:00Z")]
    [InlineData("0 */5 * * * *", "2026-11-22T10:07:30Z", "2026-11-22T10:10:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-11-21T10:00:00Z", "2026-11-23T09:30:00Z")]
    [InlineData("0 0 0 29 FEB *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 9-17/4 * * 1-5", "2026-11-20T18:00:00Z", "2026-11-23T09:00:00Z")]
    [InlineData("0 0 0 1,15 * *", "2026-11-02T00:00:00Z", "2026-11-15T00:00:00Z")]
    public void Next_occurrence_matches_ncrontab(string expression, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CronSchedule.Parse(expression).GetNextOccurrence(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Day_and_weekday_both_restricted_must_both_match_as_on_azure()
    {
        // NCrontab (and so an Azure timer) reads this as a Friday the 13th, not as cron's "the 13th or any Friday".
        var schedule = CronSchedule.Parse("0 0 0 13 * FRI");

        Assert.Equal(new DateTimeOffset(2027, 8, 13, 0, 0, 0, TimeSpan.Zero), schedule.GetNextOccurrence(At(11, 22, 0, 0)));
    }

    [Fact]
    public void A_sub_second_start_counts_from_its_second() =>
        Assert.Equal(At(11, 22, 10, 10), CronSchedule.Parse("0 */5 * * * *").GetNextOccurrence(At(11, 22, 10, 5).AddMilliseconds(999)));

    [Fact]
    public void An_impossible_date_has_no_occurrence() =>
        Assert.Null(CronSchedule.Parse("0 0 0 31 FEB *").GetNextOccurrence(At(1, 1, 0, 0)));

    [Theory]
    [InlineData("", "expected 6 fields")]
    [InlineData("* * * *", "expected 6 fields")]
    [InlineData("* * * * * * *", "expected 6 fields")]
    [InlineData("61 * * * * *", "[Second] field")]
    [InlineData("0 0 0 * XYZ *", "XYZ")]
    [InlineData("0 0 3 * * 7", "[DayOfWeek] field")]
    [InlineData("0 0 3 ? * *", "'0 0 3 ? * *'")]
    public void Bad_expressions_say_which_field_is_wrong(string expression, string expected)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
    }
}

public sealed class ScheduleSettingTests
{
    [Theory]
    [InlineData("0 */5 * * * *", true)]
    [InlineData("0 0 3 ? * *", false)]
    [InlineData("0 0 3 * * 7", false)]
    public void A_schedule_setting_is_accepted_as_an_azure_timer_would_and_a_refusal_names_the_setting(string schedule, bool accepted)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Qlrf:Dr:SchedulerSchedule"] = schedule });
        builder.AddDrills();
        using var services = builder.Services.BuildServiceProvider();

        if (accepted)
        {
            Assert.Equal(schedule, services.GetRequiredService<IOptions<DrOptions>>().Value.SchedulerSchedule);
        }
        else
        {
            var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DrOptions>>().Value);
            Assert.Contains($"Qlrf:Dr:SchedulerSchedule '{schedule}' is not an NCRONTAB schedule", refused.Message, StringComparison.Ordinal);
        }
    }
}
