using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qlrf.Triggers;

namespace Qlrf.UnitTests.Triggers;

public sealed class TimerFunctionRegistryTests
{
    private sealed class Work
    {
        public List<TimerTick> Ticks { get; } = [];

        public Task RunAsync(TimerTick tick)
        {
            Ticks.Add(tick);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Registrations_from_several_modules_add_up_and_run_the_method_on_the_registered_service()
    {
        var services = new ServiceCollection().AddSingleton<Work>();
        services.AddTimerFunctions(t => t.Add<Work>("First", "FIRST_SCHEDULE", "0 * * * * *", (w, tick, _) => w.RunAsync(tick)));
        services.AddTimerFunctions(t => t.Add<Work>("Second", "SECOND_SCHEDULE", "0 0 * * * *", (w, tick, _) => w.RunAsync(tick)));
        using var provider = services.BuildServiceProvider();
        var timers = provider.GetRequiredService<IOptions<TimerFunctionRegistry>>().Value.Timers;

        Assert.Equal(["First", "Second"], timers.Keys.Order());
        Assert.Equal("0 0 * * * *", timers["second"].DefaultSchedule(provider));
        var tick = new TimerTick(DateTimeOffset.UnixEpoch, null, false);
        await timers["First"].Run(provider, tick, CancellationToken.None);
        Assert.Equal([tick], provider.GetRequiredService<Work>().Ticks);
    }

    [Theory]
    [InlineData("Qlrf:Drift:SnapshotSchedule")]
    [InlineData("Qlrf__Drift__SnapshotSchedule")]
    public void A_schedule_setting_must_be_a_flat_app_setting_name(string setting)
    {
        var registry = new TimerFunctionRegistry();
        var error = Assert.Throws<ArgumentException>(() => registry.Add<Work>("Timer", setting, "0 * * * * *", (w, tick, _) => w.RunAsync(tick)));
        Assert.Contains("flat app-setting name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_is_registered_once()
    {
        var registry = new TimerFunctionRegistry().Add<Work>("Timer", "A", "0 * * * * *", (w, tick, _) => w.RunAsync(tick));
        Assert.Throws<ArgumentException>(() => registry.Add<Work>("timer", "B", "0 * * * * *", (w, tick, _) => w.RunAsync(tick)));
    }
}
