using Microsoft.Extensions.Logging;

namespace Qlrf.Sandbox.Images;

/// <summary>Log messages of the sample images (part of the images range, 7050-7099).</summary>
internal static partial class SandboxLogs
{
    [LoggerMessage(EventId = 7090, Level = LogLevel.Information, Message = "Loaded sample image family {Family} into {Organisation}")]
    public static partial void SampleFamilyLoaded(ILogger logger, string family, string organisation);
}
