using Qlrf.Discovery;
using Qlrf.Discovery.Drift;
using Qlrf.Store.Sqlite;

namespace Qlrf.Host.LocalTriggers;

/// <summary>
/// Runs first: opens the store (bringing its schema up to date), makes queue messages a stopped host
/// left in flight visible again, fails the sweeps it left running, and finishes drift re-evaluations a
/// transition asked for but the previous host did not get to (and those the sample images just asked for).
/// </summary>
internal sealed class LocalStartup(SqliteDatabase database, SqliteAssetChangeQueue queue, SweepCoordinator coordinator, DriftFunctions drift) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = database.FilePath;
        await queue.ReclaimInFlightAsync(cancellationToken);
        await coordinator.RecoverAsync(cancellationToken);
        await drift.ReevaluatePendingAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
