using Microsoft.Extensions.Logging;
using Qlrf.Images;

namespace Qlrf.Api.Images;

/// <summary>Log messages of the image registry. Event ids 7050-7099 (drift uses 7000-7049).</summary>
internal static partial class ImagesLogs
{
    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Registered image version {VersionId} in {Organisation}")]
    public static partial void VersionRegistered(ILogger logger, string versionId, string organisation);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Information,
        Message = "{Actor} moved {VersionId} to {Status} ({Transitions} transitions, rollback {Rollback}) in {Organisation}: {Reason}")]
    public static partial void Transitioned(ILogger logger, string actor, string versionId, LifecycleStatus status, int transitions, bool rollback, string organisation, string reason);

    [LoggerMessage(EventId = 7052, Level = LogLevel.Information, Message = "Imported {Format} for {VersionId} in {Organisation}: {Items} items")]
    public static partial void Imported(ILogger logger, string format, string versionId, string organisation, int items);

    [LoggerMessage(EventId = 7053, Level = LogLevel.Information, Message = "Refused an import for {VersionId}: {Problem}")]
    public static partial void ImportRefused(ILogger logger, string versionId, string problem);
}
