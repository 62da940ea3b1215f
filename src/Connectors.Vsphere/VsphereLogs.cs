using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Vsphere;

/// <summary>Log messages of the vSphere connector. Event ids 8110-8129.</summary>
internal static partial class VsphereLogs
{
    [LoggerMessage(EventId = 8110, Level = LogLevel.Debug, Message = "Source {Source} read {Vms} VMs of datacenter {Datacenter} on vCenter {Vcenter}")]
    public static partial void DatacenterRead(ILogger logger, string source, int vms, string datacenter, string vcenter);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Information, Message = "Datacenter {Datacenter} on vCenter {Vcenter} has more VMs than one list returns; listing host by host")]
    public static partial void ListingByHost(ILogger logger, string datacenter, string vcenter);
}
