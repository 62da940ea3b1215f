using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Workflows.Drills;

/// <summary>The <c>Qlrf.Dr</c> activity source and meter: drills started and finished, and measured RTO and RPO.</summary>
public static class DrTelemetry
{
    public const string Name = "Qlrf.Dr";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> DrillsStarted = Meter.CreateCounter<long>("qlrf.dr.drills.started", description: "Drills started, by trigger and kind.");

    public static readonly Counter<long> DrillsFinished = Meter.CreateCounter<long>("qlrf.dr.drills.finished", description: "Drills finished, by outcome.");

    public static readonly Histogram<double> Rto = Meter.CreateHistogram<double>("qlrf.dr.rto", "s", "Measured RTO of drills that failed over.");

    public static readonly Histogram<double> Rpo = Meter.CreateHistogram<double>("qlrf.dr.rpo", "s", "Measured RPO of drills that failed over.");
}
