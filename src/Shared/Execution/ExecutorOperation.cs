namespace Qlrf.Execution;

/// <summary>What a rollout asks an executor to do to an asset.</summary>
public enum ExecutorOperation
{
    /// <summary>Move the asset to an image version (a rollback of an image change is one too).</summary>
    ApplyImage,

    /// <summary>Apply a patch set.</summary>
    ApplyPatchSet,

    /// <summary>Remove a patch set: the compensation of a patch-set step when a rollout rolls back.</summary>
    RemovePatchSet,
}

/// <summary>Whether an executor can do an operation on the assets it handles, and if not, why (shown to whoever asked for the change).</summary>
public sealed record ExecutorSupport(bool IsSupported, string? Reason)
{
    public static readonly ExecutorSupport Supported = new(true, null);

    public static ExecutorSupport Unsupported(string reason) => new(false, reason);
}
