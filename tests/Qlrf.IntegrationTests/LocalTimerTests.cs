using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.IntegrationTests.Support;
using Qlrf.Triggers;

namespace Qlrf.IntegrationTests;

/// <summary>The local host runs every registered timer function on the schedule in its app setting.</summary>
public sealed class LocalTimerTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private sealed class Ticks
    {
        public ConcurrentQueue<TimerTick> Seen { get; } = new();

        public Task RunAsync(TimerTick tick)
        {
            Seen.Enqueue(tick);
            return tick.PreviousScheduledAt is null ? Task.CompletedTask : throw new InvalidOperationException("a failing occurrence");
        }
    }

    private static Action<IServiceCollection> WithTimer(string defaultSchedule) => s =>
    {
        s.AddSingleton<Ticks>();
        s.AddTimerFunctions(t => t.Add<Ticks>("EverySecond", "QLRF_TEST_SCHEDULE", defaultSchedule, (f, tick, _) => f.RunAsync(tick)));
    };

    [Fact]
    public async Task A_registered_timer_runs_on_its_setting_each_tick_naming_the_previous_and_survives_a_failing_occurrence()
    {
        var settings = new Dictionary<string, string?> { ["QLRF_TEST_SCHEDULE"] = "* * * * * *", ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" };
        await using var host = new QlrfHost(directory, settings, WithTimer("0 0 0 1 1 *"));
        var ticks = host.Service<Ticks>();

        await Eventually.TrueAsync(() => Task.FromResult(ticks.Seen.Count >= 3), TimeSpan.FromSeconds(20), "three ticks");

        var seen = ticks.Seen.ToArray();
        Assert.Null(seen[0].PreviousScheduledAt);
        Assert.Equal(seen[0].ScheduledAt, seen[1].PreviousScheduledAt);
        Assert.Equal(seen[1].ScheduledAt, seen[2].PreviousScheduledAt);
        Assert.All(seen, t => Assert.Equal(0, t.ScheduledAt.Millisecond));
        Assert.Contains(host.Logs.WarningsAndErrors, e => e.Contains("Timer function EverySecond failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_schedule_setting_fails_start_up_naming_the_setting()
    {
        var host = new QlrfHost(directory, new Dictionary<string, string?> { ["QLRF_TEST_SCHEDULE"] = "every second" }, WithTimer("* * * * * *"));

        var ex = Assert.Throws<InvalidOperationException>(() => host.CreateClient());

        Assert.Contains("Setting 'QLRF_TEST_SCHEDULE' (the schedule of timer function EverySecond)", ex.Message, StringComparison.Ordinal);
        try
        {
            await host.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
        }
    }

    [Fact]
    public async Task The_discovery_drift_notification_and_drill_timers_are_registered_for_the_local_host()
    {
        await using var host = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        var timers = host.Service<Microsoft.Extensions.Options.IOptions<TimerFunctionRegistry>>().Value.Timers;

        Assert.Equal(
            ["DeliverAllDueAsync", "RunDailyComplianceSnapshotsAsync", "RunDailySnapshotsAsync", "RunDueCertificateSweepsAsync", "RunDueSecretSweepsAsync", "RunDueSweepsAsync", "StartDueDrillsAsync"],
            timers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("QLRF_COMPLIANCE_SNAPSHOT_SCHEDULE", "0 30 0 * * *"), (timers["RunDailyComplianceSnapshotsAsync"].ScheduleSetting, timers["RunDailyComplianceSnapshotsAsync"].DefaultSchedule(host.Services)));
        Assert.Equal(("QLRF_CERTIFICATE_SWEEP_SCHEDULE", "0 * * * * *"), (timers["RunDueCertificateSweepsAsync"].ScheduleSetting, timers["RunDueCertificateSweepsAsync"].DefaultSchedule(host.Services)));
        Assert.Equal("0 5 0 * * *", timers["RunDailySnapshotsAsync"].DefaultSchedule(host.Services));
        Assert.Equal(("QLRF_DR_SCHEDULE", "0 * * * * *"), (timers["StartDueDrillsAsync"].ScheduleSetting, timers["StartDueDrillsAsync"].DefaultSchedule(host.Services)));
    }
}
