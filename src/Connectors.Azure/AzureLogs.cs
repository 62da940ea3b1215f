using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Azure;

/// <summary>Log messages of the Azure connector. Event ids 8050-8069.</summary>
internal static partial class AzureLogs
{
    [LoggerMessage(EventId = 8050, Level = LogLevel.Information, Message = "Azure {Method} {Path} failed (attempt {Attempt}: {Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 8051, Level = LogLevel.Debug, Message = "Source {Source} read {Vms} VMs and {Instances} scale-set instances of subscription {Subscription}")]
    public static partial void SubscriptionRead(ILogger logger, string source, int vms, int instances, string subscription);

    [LoggerMessage(EventId = 8052, Level = LogLevel.Information, Message = "{AssetId} already runs image {Image}")]
    public static partial void AlreadyOnImage(ILogger logger, string assetId, string image);

    [LoggerMessage(EventId = 8053, Level = LogLevel.Information, Message = "Scale set {ScaleSet} model set to image {Image}")]
    public static partial void ScaleSetModelUpdated(ILogger logger, global::Azure.Core.ResourceIdentifier scaleSet, string image);

    [LoggerMessage(EventId = 8054, Level = LogLevel.Information, Message = "Upgrading {AssetId} to its scale set's model (image {Image})")]
    public static partial void UpgradingInstance(ILogger logger, string assetId, string image);

    [LoggerMessage(EventId = 8055, Level = LogLevel.Information, Message = "{AssetId} already has patch set {PatchSet}")]
    public static partial void PatchSetAlreadyApplied(ILogger logger, string assetId, string patchSet);

    [LoggerMessage(EventId = 8056, Level = LogLevel.Information, Message = "Patch set {PatchSet} installed on {AssetId}: {Installed} installed, status {Status}, reboot {Reboot}")]
    public static partial void PatchSetInstalled(ILogger logger, string assetId, string patchSet, int installed, global::Azure.ResourceManager.Compute.Models.PatchOperationStatus? status, global::Azure.ResourceManager.Compute.Models.VmGuestPatchRebootStatus? reboot);
}
