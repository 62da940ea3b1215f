using Microsoft.Extensions.Logging;

namespace Qlrf.Sandbox.Dr;

/// <summary>Log messages of the sandbox DR simulator and sample pairs (part of the DR range, 11060-11079).</summary>
internal static partial class SandboxDrLogs
{
    [LoggerMessage(EventId = 11060, Level = LogLevel.Information, Message = "Sandbox DR {Job} of pair {Pair} in {Organisation} for drill {Drill} started; finishes at {FinishesAt:O} (injected failure: {Faulted})")]
    public static partial void JobStarted(ILogger logger, Qlrf.Execution.DrJobKind job, string pair, string organisation, string drill, DateTimeOffset finishesAt, bool faulted);

    [LoggerMessage(EventId = 11061, Level = LogLevel.Information, Message = "Loaded sample DR pair {Pair} into {Organisation}")]
    public static partial void SamplePairLoaded(ILogger logger, string pair, string organisation);
}
