using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Qlrf.Triggers;

namespace Qlrf.Functions.Hosting;

/// <summary>
/// What a <c>[TimerTrigger("%setting%")]</c> forwards to: runs the timer function registered under the function's
/// name with a <see cref="TimerTick"/> made from Azure's <see cref="TimerInfo"/> (the previous occurrence it records).
/// </summary>
public sealed class TimerRunner(IOptions<TimerFunctionRegistry> registry, IServiceProvider services, TimeProvider time)
{
    public Task RunAsync(string name, TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        DateTimeOffset? previous = timer.ScheduleStatus is { Last: var last } && last != default
            ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc))
            : null;
        var tick = new TimerTick(time.GetUtcNow(), previous, timer.IsPastDue);
        return registry.Value.Timers[name].Run(services, tick, cancellationToken);
    }
}
