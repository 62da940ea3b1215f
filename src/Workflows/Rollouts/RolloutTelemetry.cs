using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Workflows.Rollouts;

/// <summary>Traces and metrics of rollouts: <c>Qlrf.Rollouts</c>.</summary>
public static class RolloutTelemetry
{
    public const string Name = "Qlrf.Rollouts";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> StatusChanges = Meter.CreateCounter<long>("qlrf.rollouts.status_changes", description: "Rollout status changes, by the status reached.");

    public static readonly Counter<long> AssetChanges = Meter.CreateCounter<long>("qlrf.rollouts.asset_changes", description: "Image changes made by rollouts, by outcome (changed, unchanged, failed, rolled_back).");

    public static readonly Histogram<double> ApplyDuration = Meter.CreateHistogram<double>("qlrf.rollouts.apply.duration", unit: "ms", description: "Time an executor took to change one asset.");
}
