namespace Qlrf.Inventory;

/// <summary>The health a platform or its checks report for an asset.</summary>
public enum AssetHealth
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
}
