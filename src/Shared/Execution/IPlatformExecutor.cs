using Qlrf.Inventory;

namespace Qlrf.Execution;

/// <summary>
/// Changes a platform: moves an asset to an image version or applies a patch set, and reports its health. Every operation is
/// idempotent: it checks the asset's current state first, so a repeated call (a retried or redelivered
/// activity) changes nothing more.
/// </summary>
public interface IPlatformExecutor
{
    /// <summary>Whether this executor changes assets discovered by the given source on the given platform.</summary>
    bool Handles(string source, Platform platform);

    /// <summary>
    /// Whether this executor can do the operation on the assets it handles (by default, every one). An executor that
    /// cannot (one that cannot apply or remove a patch set) says why, and a rollout needing it is refused when requested.
    /// </summary>
    ExecutorSupport Supports(ExecutorOperation operation) => ExecutorSupport.Supported;

    /// <summary>
    /// Whether this executor can do the operation on this asset (by default, as for every asset it handles): an executor that
    /// can change some kinds of asset only (scale-set instances, not standalone VMs) tells them apart by the asset's id here.
    /// </summary>
    ExecutorSupport Supports(ExecutorOperation operation, string assetId) => Supports(operation);

    /// <summary>Moves the asset to the version; says whether anything changed. Throws <see cref="ExecutorException"/> on failure.</summary>
    Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the patch set to the asset, or removes it (<see cref="PatchSetChange.Remove"/>); says whether
    /// anything changed (an asset that already has it, or lacks it, is left alone) and the image version it runs,
    /// which a patch set never changes. Throws <see cref="ExecutorException"/> on failure.
    /// </summary>
    Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken);

    /// <summary>The asset's health as the platform reports it now.</summary>
    Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken);
}

/// <summary>An image change to make. <see cref="IdempotencyKey"/> names the step (instance id and step) that asks for it.</summary>
public sealed record ImageChange(string Organisation, string AssetId, string Family, string ToVersion, string? Reference, string IdempotencyKey)
{
    /// <summary>Where the executor reports how far the change has come; null when nobody listens.</summary>
    public IExecutorProgress? Progress { get; init; }
}

/// <summary>A patch set to apply to an asset (or to remove from it, as a compensation), with the patches it holds.</summary>
public sealed record PatchSetChange(string Organisation, string AssetId, string PatchSetId, IReadOnlyList<string> Patches, bool Remove, string IdempotencyKey)
{
    /// <summary>Where the executor reports how far the change has come; null when nobody listens.</summary>
    public IExecutorProgress? Progress { get; init; }
}

/// <summary>What an executor did: whether it changed anything, and the version the asset runs now.</summary>
public sealed record ExecutionOutcome(bool Changed, string Version);

/// <summary>An asset's health and the version it reports.</summary>
public sealed record AssetHealthReport(string AssetId, AssetHealth Health, AssetState State, string? Version, string? Detail);

/// <summary>An executor could not do what it was asked. The activity fails, so durable retries can work.</summary>
public sealed class ExecutorException(string message, Exception? inner = null) : Exception(message, inner);
