using System.Diagnostics;
using System.Diagnostics.Metrics;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>Traces and metrics of the durable runtime: <c>Qlrf.Durable</c>.</summary>
internal sealed class DurableTelemetry : IDisposable
{
    public const string Name = "Qlrf.Durable";

    /// <summary>How long a census of the store is reused by the gauges.</summary>
    private static readonly TimeSpan CensusLifetime = TimeSpan.FromSeconds(15);

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter meter;
    private readonly DurableStore store;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private (DateTimeOffset At, Dictionary<OrchestrationRuntimeStatus, long> Instances, long Ready, long Timers, long Activities)? census;

    public DurableTelemetry(IMeterFactory meters, DurableStore store, TimeProvider time)
    {
        this.store = store;
        this.time = time;
        meter = meters.Create(Name);
        StepDuration = meter.CreateHistogram<double>("qlrf.durable.step.duration", unit: "ms", description: "Time to run an orchestration step, from lease to commit.");
        ActivityDuration = meter.CreateHistogram<double>("qlrf.durable.activity.duration", unit: "ms", description: "Time an activity ran.");
        Steps = meter.CreateCounter<long>("qlrf.durable.steps", description: "Orchestration steps committed, by outcome.");
        meter.CreateObservableGauge("qlrf.durable.instances", ObserveInstances, description: "Instances in the store, by status.");
        meter.CreateObservableGauge("qlrf.durable.queue.depth", ObserveQueues, description: "Work waiting: ready instances, pending timers, scheduled activities.");
    }

    public Histogram<double> StepDuration { get; }

    public Histogram<double> ActivityDuration { get; }

    public Counter<long> Steps { get; }

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveInstances()
    {
        var (_, instances, _, _, _) = Census();
        return Enum.GetValues<OrchestrationRuntimeStatus>().Select(s =>
            new Measurement<long>(instances.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", EnumText<OrchestrationRuntimeStatus>.Of(s))));
    }

    private IEnumerable<Measurement<long>> ObserveQueues()
    {
        var (_, _, ready, timers, activities) = Census();
        return
        [
            new Measurement<long>(ready, new KeyValuePair<string, object?>("queue", "orchestrations")),
            new Measurement<long>(timers, new KeyValuePair<string, object?>("queue", "timers")),
            new Measurement<long>(activities, new KeyValuePair<string, object?>("queue", "activities")),
        ];
    }

    private (DateTimeOffset, Dictionary<OrchestrationRuntimeStatus, long>, long, long, long) Census()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (census is not { } last || now - last.At > CensusLifetime)
            {
                var (instances, ready, timers, activities) = store.Census();
                census = (now, instances, ready, timers, activities);
            }

            return census.Value;
        }
    }
}
