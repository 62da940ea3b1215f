using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Aws;

/// <summary>Log messages of the AWS connector. Event ids 8020-8039.</summary>
internal static partial class AwsLogs
{
    [LoggerMessage(EventId = 8020, Level = LogLevel.Debug, Message = "Source {Source} read {Instances} instances in region {Region} of account {Account} ({Pages} pages, {Images} AMIs looked up)")]
    public static partial void RegionRead(ILogger logger, string source, int instances, string region, string account, int pages, int images);

    [LoggerMessage(EventId = 8021, Level = LogLevel.Information, Message = "Replacing the root volume of {AssetId} from {ImageId}: task {TaskId} is {State}")]
    public static partial void ReplacingRootVolume(ILogger logger, string assetId, string imageId, string taskId, string state);

    [LoggerMessage(EventId = 8022, Level = LogLevel.Information, Message = "{AssetId} already runs {ImageId}; nothing to change")]
    public static partial void AlreadyOnImage(ILogger logger, string assetId, string imageId);

    [LoggerMessage(EventId = 8023, Level = LogLevel.Information, Message = "Patch set {PatchSetId} on {AssetId}: {Document} command {CommandId} sent")]
    public static partial void PatchCommandSent(ILogger logger, string patchSetId, string assetId, string document, string commandId);

    [LoggerMessage(EventId = 8024, Level = LogLevel.Information, Message = "Patch set {PatchSetId} on {AssetId}: waiting for the earlier command {CommandId}, which is {Status}")]
    public static partial void PatchCommandResumed(ILogger logger, string patchSetId, string assetId, string commandId, string status);

    [LoggerMessage(EventId = 8025, Level = LogLevel.Information, Message = "{AssetId} already has patch set {PatchSetId}; nothing to change")]
    public static partial void AlreadyPatched(ILogger logger, string assetId, string patchSetId);
}
