using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Discovery;

/// <summary>Traces and metrics of discovery: <c>Qlrf.Discovery</c>.</summary>
public static class DiscoveryTelemetry
{
    public const string Name = "Qlrf.Discovery";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Sweeps = Meter.CreateCounter<long>("qlrf.discovery.sweeps", description: "Sweeps finished, by source and status.");

    public static readonly Histogram<double> SweepDuration = Meter.CreateHistogram<double>("qlrf.discovery.sweep.duration", unit: "s", description: "Time from the start of a sweep to its commit.");

    public static readonly Counter<long> ChangesFound = Meter.CreateCounter<long>("qlrf.discovery.changes", description: "Asset changes found by sweeps, by kind.");

    public static readonly Counter<long> ChangesApplied = Meter.CreateCounter<long>("qlrf.inventory.changes.applied", description: "Asset-change events applied to the inventory.");

    public static readonly Counter<long> ChangesSkipped = Meter.CreateCounter<long>("qlrf.inventory.changes.skipped", description: "Asset-change events that changed nothing (redelivered or stale).");
}
