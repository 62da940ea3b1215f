using Qlrf.Discovery;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// Local only: each source sweeps once when the host starts, side by side, unless its <c>SweepAtStartup</c> is
/// false. Scheduled sweeps are the sweep timer's (<see cref="SweepFunctions.RunDueSweepsAsync"/>).
/// </summary>
internal sealed class StartupSweeps(AssetSourceRegistry sources, SweepFunctions sweeps, ILogger<StartupSweeps> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(sources.Definitions.Where(d => d.SweepAtStartup).Select(d => SweepAsync(d, stoppingToken)));
    }

    private async Task SweepAsync(AssetSourceDefinition source, CancellationToken stoppingToken)
    {
        try
        {
            await sweeps.RunScheduledSweepAsync(source.Name, SweepTrigger.Startup, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            HostLogs.StartupSweepFailed(logger, source.Name, ex);
        }
    }
}
