using Qlrf.Discovery;
using Qlrf.Triggers;

namespace Qlrf.Discovery;

/// <summary>
/// The discovery timer's function. One timer ticks (every minute by default, <see cref="ScheduleSetting"/>);
/// at each tick every source whose own schedule had an occurrence since the previous tick sweeps, so each
/// source keeps its own cron although a Functions app binds one static timer.
/// </summary>
public sealed class SweepFunctions(SweepCoordinator coordinator, AssetSourceRegistry sources)
{
    /// <summary>The app setting holding the tick's schedule.</summary>
    public const string ScheduleSetting = "QLRF_SWEEP_SCHEDULE";

    /// <summary>Every minute, on the second that minute-grained source schedules fall on.</summary>
    public const string DefaultSchedule = "0 * * * * *";

    /// <summary>
    /// Sweeps, side by side, every source due at this tick and waits for them; a source still sweeping is skipped.
    /// Returns the runs that finished.
    /// </summary>
    public async Task<IReadOnlyList<SweepRun>> RunDueSweepsAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var due = sources.Definitions.Where(d => tick.Covers(d.Schedule)).ToList();
        var runs = await Task.WhenAll(due.Select(d => coordinator.RunAsync(d.Organisation, d.Name, SweepTrigger.Schedule, cancellationToken)));
        return runs.OfType<SweepRun>().ToList();
    }

    /// <summary>Sweeps the named source now and waits for it; skips it if it is already sweeping.</summary>
    public Task<SweepRun?> RunScheduledSweepAsync(string sourceName, SweepTrigger trigger, CancellationToken cancellationToken)
    {
        var definition = sources.Definitions.First(d => d.Name == sourceName);
        return coordinator.RunAsync(definition.Organisation, definition.Name, trigger, cancellationToken);
    }
}
