using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Connectors;

/// <summary>Traces and metrics of the platform connectors: <c>Qlrf.Connectors</c>.</summary>
public static class ConnectorTelemetry
{
    public const string Name = "Qlrf.Connectors";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "qlrf.connectors.calls", description: "Platform API calls, by connector, operation and outcome (ok, throttled, transient, error, malformed).");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "qlrf.connectors.retries", description: "Platform API calls retried after throttling or a transient failure, by connector and reason.");

    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "qlrf.connectors.call.duration", unit: "s", description: "Time of one attempt of a platform API call.");

    public static readonly Counter<long> ScopeFailures = Meter.CreateCounter<long>(
        "qlrf.connectors.scope.failures", description: "Scopes (region, subscription, project, vCenter, cluster) a sweep could not read, by connector.");
}
