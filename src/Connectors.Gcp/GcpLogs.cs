using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Gcp;

/// <summary>Log messages of the GCP connector. Event ids 8080-8099.</summary>
internal static partial class GcpLogs
{
    [LoggerMessage(EventId = 8080, Level = LogLevel.Debug, Message = "Source {Source} read {Instances} instances of project {Project} ({Images} images looked up)")]
    public static partial void ProjectRead(ILogger logger, string source, int instances, string project, int images);

    [LoggerMessage(EventId = 8081, Level = LogLevel.Information, Message = "{AssetId} already boots from {Image}")]
    public static partial void AlreadyOnImage(ILogger logger, string assetId, string image);

    [LoggerMessage(EventId = 8082, Level = LogLevel.Information, Message = "{AssetId}: {Call} started operation {Operation}")]
    public static partial void OperationStarted(ILogger logger, string assetId, string call, string operation);

    [LoggerMessage(EventId = 8083, Level = LogLevel.Information, Message = "{AssetId} boots from new disk {Disk} ({Image}); its old boot disk {OldDisk} is kept, detached")]
    public static partial void BootDiskReplaced(ILogger logger, string assetId, string disk, string image, string oldDisk);

    [LoggerMessage(EventId = 8084, Level = LogLevel.Information, Message = "Managed instance group {Manager} now makes instances from template {Template}")]
    public static partial void GroupTemplateSet(ILogger logger, string manager, string template);

    [LoggerMessage(EventId = 8085, Level = LogLevel.Information, Message = "{AssetId} was replaced by managed instance group {Manager} from template {Template}")]
    public static partial void GroupInstanceUpdated(ILogger logger, string assetId, string manager, string template);
}
