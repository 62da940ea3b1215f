using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qlrf.Durable;

/// <summary>Purges Completed, Failed and Terminated instances that finished longer ago than <c>Qlrf:Durable:Retention</c>, every <c>PurgeInterval</c>.</summary>
internal sealed class RetentionPurgeService(DurableStore store, TimeProvider time, ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
                await Task.Delay(store.Options.PurgeInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.PurgeFailed(logger, ex);
                await Pause.QuietlyAsync(store.Options.PurgeInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>One purge pass; returns how many instances it deleted.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var retention = store.Options.Retention;
        var cutoff = time.GetUtcNow() - retention;
        var purged = await store.PurgeCompletedBeforeAsync(cutoff, cancellationToken);
        if (purged > 0)
        {
            Logs.Purged(logger, purged, cutoff, retention);
        }

        return purged;
    }
}
