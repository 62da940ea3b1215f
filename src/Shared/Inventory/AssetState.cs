namespace Qlrf.Inventory;

/// <summary>The lifecycle state a platform reports for an asset.</summary>
public enum AssetState
{
    Unknown,
    Pending,
    Running,
    Stopped,
    Terminated,
}
