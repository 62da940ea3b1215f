using Qlrf.Inventory;

namespace Qlrf.Images;

/// <summary>A request to move an image version to <see cref="To"/> on some or all of its platforms.</summary>
public sealed record TransitionRequest
{
    public required string VersionId { get; init; }

    public required LifecycleStatus To { get; init; }

    /// <summary>The platforms to move it on; empty means every platform it is published to.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    public required string Reason { get; init; }

    /// <summary>A rollback may move the status backward; it must say so.</summary>
    public bool Rollback { get; init; }

    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }
}
