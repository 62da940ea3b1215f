using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;

namespace Qlrf.Durable;

/// <summary>
/// Runs the runtime in the host: at start-up it reclaims the leases a previous (dead) process left, at once;
/// then it runs the group commit, the two dispatchers and the lease renewal until the host stops.
/// </summary>
internal sealed class DurableRuntimeService(
    DurableStore store,
    CommitQueue commits,
    OrchestrationDispatcher orchestrations,
    ActivityDispatcher activities,
    LeaseRenewer renewer,
    IOptions<OrchestrationRegistry> registry,
    ILogger<DurableRuntimeService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var (instances, reclaimedActivities) = await store.ReclaimAsync(cancellationToken);
        if (instances + reclaimedActivities > 0)
        {
            Logs.Reclaimed(logger, instances, reclaimedActivities);
        }

        await base.StartAsync(cancellationToken);
        Logs.RuntimeStarted(logger, registry.Value.Orchestrators.Count, registry.Value.Activities.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(
            commits.RunAsync(stoppingToken),
            orchestrations.RunAsync(stoppingToken),
            activities.RunAsync(stoppingToken),
            renewer.RunAsync(stoppingToken));
        Logs.RuntimeStopped(logger);
    }
}
