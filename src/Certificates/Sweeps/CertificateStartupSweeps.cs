using Microsoft.Extensions.Hosting;

namespace Qlrf.Certificates.Sweeps;

/// <summary>Sweeps, once the host has started, every source set to sweep at start-up (the local host; Azure's timer covers it).</summary>
public sealed class CertificateStartupSweeps(CertificateSweeper sweeper, CertificateSourceRegistry sources) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var definition in sources.Definitions.Where(d => d.SweepAtStartup))
        {
            try
            {
                await sweeper.SweepAsync(definition.Organisation, definition.Name, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged by the sweeper; the schedule tries again.
            }
        }
    }
}
