using Qlrf.Inventory;

namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>
/// An instance's health from its Compute Engine status: running is healthy; repairing (Compute is recovering it) is
/// degraded; provisioning and staging say nothing yet, so unknown; stopping, stopped, suspending, suspended and terminated
/// are unhealthy (it does not serve).
/// </summary>
internal static class GcpInstanceHealth
{
    public static AssetHealth Of(string? status) => status switch
    {
        "RUNNING" => AssetHealth.Healthy,
        "REPAIRING" => AssetHealth.Degraded,
        "STOPPING" or "STOPPED" or "SUSPENDING" or "SUSPENDED" or "TERMINATED" => AssetHealth.Unhealthy,
        _ => AssetHealth.Unknown,
    };
}
