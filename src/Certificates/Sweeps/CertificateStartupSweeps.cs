using Microsoft.Extensions.Hosting;

namespace Qlrf.Certificates.Sweeps;

/// <summary>Sweeps, once the host has started, every source set to sweep at start-up (the local host; Azure's timer covers it).</summary>
public sealed class CertificateStartupSweeps(CertificateSweeper sweeper, CertificateSourceRegistry sources) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await ScheduledSweeps.RunAtStartupAsync(sources.Definitions, (d, ct) => sweeper.SweepAsync(d.Organisation, d.Name, ct), stoppingToken);
    }
}
