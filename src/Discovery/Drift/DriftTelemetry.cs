using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Discovery.Drift;

/// <summary>Traces and metrics of drift upkeep: <c>Qlrf.Drift</c>.</summary>
public static class DriftTelemetry
{
    public const string Name = "Qlrf.Drift";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> AssetsReconciled = Meter.CreateCounter<long>("qlrf.drift.assets.reconciled", description: "Assets reconciled after asset changes.");

    public static readonly Counter<long> DriftChanged = Meter.CreateCounter<long>("qlrf.drift.assets.changed", description: "Assets whose drift changed, by cause (asset_change, promotion).");

    public static readonly Histogram<double> ReevaluationDuration = Meter.CreateHistogram<double>("qlrf.drift.reevaluation.duration", unit: "s", description: "Time to re-evaluate a family's assets after a transition.");

    public static readonly Counter<long> Snapshots = Meter.CreateCounter<long>("qlrf.drift.snapshots", description: "Snapshots of the summaries taken, by trigger.");
}
