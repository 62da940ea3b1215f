namespace Qlrf.Inventory;

/// <summary>An asset as the inventory holds it: the discovered content plus bookkeeping.</summary>
public sealed record InventoryAsset
{
    public required string Organisation { get; init; }

    public required Asset Asset { get; init; }

    /// <summary>The asset source that discovered it.</summary>
    public required string Source { get; init; }

    /// <summary>The version of the last change applied.</summary>
    public required long Version { get; init; }

    public required string Hash { get; init; }

    public required DateTimeOffset FirstSeenAt { get; init; }

    public required DateTimeOffset LastChangedAt { get; init; }

    /// <summary>When a complete sweep last found it missing; null while it exists.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}
