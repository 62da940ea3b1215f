using Amazon.EC2;
using Amazon.EC2.Model;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Aws.Execution;

/// <summary>
/// An instance's health from EC2's status checks: impaired instance or system status is unhealthy, both ok is healthy;
/// initializing, insufficient data and not applicable (a stopped instance) say nothing yet, so unknown.
/// </summary>
internal static class AwsInstanceHealth
{
    public static (AssetHealth Health, string Detail) Of(InstanceStatus status)
    {
        var instance = status.Status?.Status?.Value ?? "unknown";
        var system = status.SystemStatus?.Status?.Value ?? "unknown";
        var detail = $"instance status {instance}, system status {system}";
        var health = instance == SummaryStatus.Impaired || system == SummaryStatus.Impaired ? AssetHealth.Unhealthy
            : instance == SummaryStatus.Ok && system == SummaryStatus.Ok ? AssetHealth.Healthy
            : AssetHealth.Unknown;
        return (health, detail);
    }
}
