using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Triggers;

/// <summary>
/// The timer functions a host runs, by name (case-insensitive, unique). The local host runs each on its
/// schedule in one hosted service; each Functions app binds each with <c>[TimerTrigger("%setting%")]</c>.
/// </summary>
public sealed class TimerFunctionRegistry
{
    private readonly Dictionary<string, TimerFunction> timers = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, TimerFunction> Timers => timers;

    /// <summary>Adds a timer function whose method lives on <typeparamref name="TFunctions"/> (resolved from the services).</summary>
    public TimerFunctionRegistry Add<TFunctions>(string name, string scheduleSetting, string defaultSchedule, Func<TFunctions, TimerTick, CancellationToken, Task> run)
        where TFunctions : notnull =>
        Add<TFunctions>(name, scheduleSetting, _ => defaultSchedule, run);

    /// <summary>Adds a timer function whose default schedule comes from the services (an options class).</summary>
    public TimerFunctionRegistry Add<TFunctions>(string name, string scheduleSetting, Func<IServiceProvider, string> defaultSchedule, Func<TFunctions, TimerTick, CancellationToken, Task> run)
        where TFunctions : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheduleSetting);
        ArgumentNullException.ThrowIfNull(defaultSchedule);
        ArgumentNullException.ThrowIfNull(run);
        if (scheduleSetting.Contains(':', StringComparison.Ordinal) || scheduleSetting.Contains("__", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The schedule setting '{scheduleSetting}' must be a flat app-setting name.", nameof(scheduleSetting));
        }

        var timer = new TimerFunction(name, scheduleSetting, defaultSchedule, (sp, tick, ct) => run(sp.GetRequiredService<TFunctions>(), tick, ct));
        if (!timers.TryAdd(name, timer))
        {
            throw new ArgumentException($"A timer function named '{name}' is already registered.", nameof(name));
        }

        return this;
    }
}
