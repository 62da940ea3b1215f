using Qlrf.Inventory;

namespace Qlrf.Images;

/// <summary>One change of an image version's status on one platform: who, when and why.</summary>
public sealed record LifecycleTransition
{
    public required string VersionId { get; init; }

    public required Platform Platform { get; init; }

    public required LifecycleStatus From { get; init; }

    public required LifecycleStatus To { get; init; }

    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Reason { get; init; }

    /// <summary>Whether this moved the status backward (an explicit rollback, or a version it displaced).</summary>
    public bool Rollback { get; init; }

    public TransitionCause Cause { get; init; } = TransitionCause.Requested;
}

/// <summary>Why a transition happened.</summary>
public enum TransitionCause
{
    /// <summary>Someone asked for it.</summary>
    Requested,

    /// <summary>Another version became production on the platform and displaced this one.</summary>
    Superseded,

    /// <summary>The production version was rolled back and this one, the previous production version, returned.</summary>
    Restored,
}
