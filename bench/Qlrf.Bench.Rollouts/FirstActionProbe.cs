using System.Collections.Concurrent;
using System.Diagnostics;
using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Bench.Rollouts;

/// <summary>
/// Wraps the sandbox executor and records, per rollout (the first part of the idempotency key), when its first
/// image change reached the executor, and how many changes it made.
/// </summary>
internal sealed class FirstActionProbe(IPlatformExecutor inner) : IPlatformExecutor
{
    public static readonly ConcurrentDictionary<string, long> FirstAction = new(StringComparer.Ordinal);

    private static long changes;

    public static long Changes => Interlocked.Read(ref changes);

    public bool Handles(string source, Platform platform) => inner.Handles(source, platform);

    public async Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        FirstAction.TryAdd(change.IdempotencyKey.Split(':')[0], Stopwatch.GetTimestamp());
        var outcome = await inner.ApplyImageAsync(change, cancellationToken);
        if (outcome.Changed)
        {
            Interlocked.Increment(ref changes);
        }

        return outcome;
    }

    public Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken) =>
        inner.ApplyPatchSetAsync(change, cancellationToken);

    public Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken) =>
        inner.CheckHealthAsync(organisation, assetId, cancellationToken);
}
