using Microsoft.Azure.Functions.Worker;
using Qlrf.Certificates.Sweeps;
using Qlrf.Channels.Delivery;
using Qlrf.Functions.Hosting;
using Qlrf.Secrets;
using Qlrf.Workflows.Drills;

namespace Qlrf.Functions.Orchestration;

/// <summary>Azure glue: the Orchestration app's timer functions, each on the schedule in its app setting.</summary>
internal sealed class TimerTriggers(TimerRunner timers)
{
    [Function(nameof(NotificationDispatcher.DeliverAllDueAsync))]
    public Task DeliverAllDueAsync([TimerTrigger("%QLRF_NOTIFICATION_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(NotificationDispatcher.DeliverAllDueAsync), timer, cancellationToken);

    [Function(nameof(DrillSchedulingFunctions.StartDueDrillsAsync))]
    public Task StartDueDrillsAsync([TimerTrigger("%QLRF_DR_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(DrillSchedulingFunctions.StartDueDrillsAsync), timer, cancellationToken);

    [Function(nameof(CertificateSweepFunctions.RunDueCertificateSweepsAsync))]
    public Task RunDueCertificateSweepsAsync([TimerTrigger("%QLRF_CERTIFICATE_SWEEP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(CertificateSweepFunctions.RunDueCertificateSweepsAsync), timer, cancellationToken);

    [Function(nameof(SecretSweepFunctions.RunDueSecretSweepsAsync))]
    public Task RunDueSecretSweepsAsync([TimerTrigger("%QLRF_SECRET_SWEEP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(nameof(SecretSweepFunctions.RunDueSecretSweepsAsync), timer, cancellationToken);
}
