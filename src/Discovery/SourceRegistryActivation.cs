using Microsoft.Extensions.Hosting;

namespace Qlrf.Discovery;

/// <summary>
/// Builds the configured asset sources when the host starts rather than on first use: a bad source fails
/// start-up, and what sources register as they are made (the sandbox's sites, for its executors) is there
/// before any workflow asks, in apps that never sweep as well as in those that do.
/// </summary>
internal sealed class SourceRegistryActivation(AssetSourceRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(registry);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
