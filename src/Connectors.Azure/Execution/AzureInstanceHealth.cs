using Azure.ResourceManager.Compute.Models;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Azure.Execution;

/// <summary>
/// An instance's health from its instance view: a failed provisioning state or an unhealthy application health extension is
/// unhealthy; running with provisioning succeeded is healthy, unless the VM agent is not ready (degraded); anything else
/// (starting, stopped, updating) says nothing yet, so unknown.
/// </summary>
internal static class AzureInstanceHealth
{
    public static (AssetHealth Health, string Detail) Of(IEnumerable<InstanceViewStatus>? statuses, VirtualMachineAgentInstanceView? agent, InstanceViewStatus? vmHealth)
    {
        var codes = statuses?.Select(s => s.Code).Where(c => c is not null).Cast<string>().ToList() ?? [];
        var power = codes.FirstOrDefault(c => c.StartsWith("PowerState/", StringComparison.OrdinalIgnoreCase)) ?? "PowerState/unknown";
        var provisioning = codes.FirstOrDefault(c => c.StartsWith("ProvisioningState/", StringComparison.OrdinalIgnoreCase)) ?? "ProvisioningState/unknown";
        var agentStatus = agent?.Statuses?.Select(s => s.DisplayStatus ?? s.Code).FirstOrDefault();
        var healthStatus = vmHealth?.Code;
        var detail = string.Join(", ", new[] { power, provisioning, agentStatus is null ? null : $"VM agent {agentStatus}", healthStatus }.Where(p => p is not null));
        var health =
            provisioning.StartsWith("ProvisioningState/failed", StringComparison.OrdinalIgnoreCase)
            || string.Equals(healthStatus, "HealthState/unhealthy", StringComparison.OrdinalIgnoreCase) ? AssetHealth.Unhealthy
            : !string.Equals(power, "PowerState/running", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(provisioning, "ProvisioningState/succeeded", StringComparison.OrdinalIgnoreCase) ? AssetHealth.Unknown
            : agentStatus is not null && !string.Equals(agentStatus, "Ready", StringComparison.OrdinalIgnoreCase) ? AssetHealth.Degraded
            : AssetHealth.Healthy;
        return (health, detail);
    }
}
