using Microsoft.Extensions.Logging;

namespace Qlrf.Durable;

/// <summary>Renews the leases of work in progress every third of the lease time, in one transaction.</summary>
internal sealed class LeaseRenewer(DurableStore store, LeaseTracker leases, TimeProvider time, ILogger<LeaseRenewer> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = store.Options.LockTimeout / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var (instances, activities) = leases.Snapshot();
                if (instances.Count + activities.Count > 0)
                {
                    await store.RenewAsync(instances, activities, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.RenewFailed(logger, ex);
            }
        }
    }
}
