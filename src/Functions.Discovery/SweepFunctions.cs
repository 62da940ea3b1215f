using Qlrf.Discovery;

namespace Qlrf.Functions.Discovery;

/// <summary>The discovery timer's function: one scheduled sweep of one source.</summary>
public sealed class SweepFunctions(SweepCoordinator coordinator, AssetSourceRegistry sources)
{
    /// <summary>Sweeps the named source now and waits for it; skips it if it is already sweeping.</summary>
    public Task<SweepRun?> RunScheduledSweepAsync(string sourceName, SweepTrigger trigger, CancellationToken cancellationToken)
    {
        var definition = sources.Definitions.First(d => d.Name == sourceName);
        return coordinator.RunAsync(definition.Organisation, definition.Name, trigger, cancellationToken);
    }
}
