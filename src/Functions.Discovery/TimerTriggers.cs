using Microsoft.Azure.Functions.Worker;
using Qlrf.Compliance.Engine;
using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Functions.Hosting;

namespace Qlrf.Functions.Discovery;

/// <summary>Azure glue: the Discovery app's timer functions, each on the schedule in its app setting.</summary>
internal sealed class TimerTriggers(TimerRunner timers)
{
    [Function(nameof(SweepFunctions.RunDueSweepsAsync))]
    public Task RunDueSweepsAsync([TimerTrigger("%QLRF_SWEEP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(SweepFunctions.RunDueSweepsAsync), timer, cancellationToken);

    [Function(nameof(DriftFunctions.RunDailySnapshotsAsync))]
    public Task RunDailySnapshotsAsync([TimerTrigger("%QLRF_DRIFT_SNAPSHOT_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(DriftFunctions.RunDailySnapshotsAsync), timer, cancellationToken);

    [Function(nameof(ComplianceSnapshots.RunDailyComplianceSnapshotsAsync))]
    public Task RunDailyComplianceSnapshotsAsync([TimerTrigger("%QLRF_COMPLIANCE_SNAPSHOT_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(ComplianceSnapshots.RunDailyComplianceSnapshotsAsync), timer, cancellationToken);
}
