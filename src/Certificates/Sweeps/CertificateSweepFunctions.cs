using Qlrf.Triggers;

namespace Qlrf.Certificates.Sweeps;

/// <summary>
/// The certificate sweep timer's function: one timer ticks (every minute by default); each source whose own schedule had
/// an occurrence since the previous tick sweeps. On a host's first tick, sources set to sweep at start-up sweep too.
/// </summary>
public sealed class CertificateSweepFunctions(CertificateSweeper sweeper, CertificateSourceRegistry sources)
{
    /// <summary>The app setting holding the tick's schedule.</summary>
    public const string ScheduleSetting = "QLRF_CERTIFICATE_SWEEP_SCHEDULE";

    public const string DefaultSchedule = "0 * * * * *";

    public Task<int> RunDueCertificateSweepsAsync(TimerTick tick, CancellationToken cancellationToken) =>
        ScheduledSweeps.RunDueAsync(sources.Definitions, (d, ct) => sweeper.SweepAsync(d.Organisation, d.Name, ct), tick, cancellationToken);
}
