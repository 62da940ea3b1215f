using Qlrf.Functions.Discovery;
using Qlrf.Store.Sqlite;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// Runs first: opens the store (bringing its schema up to date), makes queue messages a stopped host
/// left in flight visible again, and fails the sweeps it left running.
/// </summary>
internal sealed class LocalStartup(SqliteDatabase database, SqliteAssetChangeQueue queue, SweepCoordinator coordinator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = database.FilePath;
        await queue.ReclaimInFlightAsync(cancellationToken);
        await coordinator.RecoverAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
