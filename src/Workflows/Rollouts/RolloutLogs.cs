using Microsoft.Extensions.Logging;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts;

/// <summary>Log messages of rollouts. Event ids 10000-10099.</summary>
internal static partial class RolloutLogs
{
    [LoggerMessage(EventId = 10000, Level = LogLevel.Information,
        Message = "Planned rollout {RolloutId}: {Assets} assets in {Stages} stages, risk {Level} ({Score}), policy version {PolicyVersion}, {Violations} violations")]
    public static partial void Planned(ILogger logger, string rolloutId, int assets, int stages, RiskLevel level, double score, int policyVersion, int violations);

    [LoggerMessage(EventId = 10001, Level = LogLevel.Information, Message = "Rollout {RolloutId} is {Status} (was {Previous}), by {Actor}: {Reason}")]
    public static partial void StatusChanged(ILogger logger, string rolloutId, RolloutStatus status, RolloutStatus previous, string actor, string? reason);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Warning, Message = "Rollout {RolloutId}: changing {AssetId} to {Version} failed: {Error}")]
    public static partial void ApplyFailed(ILogger logger, string rolloutId, string assetId, string version, string error);

    [LoggerMessage(EventId = 10003, Level = LogLevel.Information, Message = "Rollout {RolloutId}: rolled {AssetId} back to {Version} (changed {Changed})")]
    public static partial void RolledBack(ILogger logger, string rolloutId, string assetId, string version, bool changed);

    [LoggerMessage(EventId = 10004, Level = LogLevel.Information, Message = "Rollout {RolloutId}: {Stage} batch {Batch} done, {Failed} of {Assets} assets failed their check")]
    public static partial void BatchChecked(ILogger logger, string rolloutId, string stage, int batch, int failed, int assets);

    [LoggerMessage(EventId = 10005, Level = LogLevel.Information, Message = "Rollout {RolloutId}: started {Sweeps} sweeps so drift follows the changes")]
    public static partial void SweepsStarted(ILogger logger, string rolloutId, int sweeps);

    [LoggerMessage(EventId = 10006, Level = LogLevel.Warning, Message = "Rollout {RolloutId}: could not start a sweep of {Source}: {Problem}")]
    public static partial void SweepNotStarted(ILogger logger, string rolloutId, string source, string problem);

    [LoggerMessage(EventId = 10007, Level = LogLevel.Information, Message = "Rollout {RolloutId}: {Source} is sweeping already; a fresh sweep follows on retry")]
    public static partial void SweepBusy(ILogger logger, string rolloutId, string source);

    [LoggerMessage(EventId = 10008, Level = LogLevel.Warning, Message = "Rollout {RolloutId}: no sweep followed its changes (the scheduled sweeps will bring them in): {Problem}")]
    public static partial void NoSweep(ILogger logger, string rolloutId, string problem);

    [LoggerMessage(EventId = 10009, Level = LogLevel.Warning, Message = "Rollout {RolloutId}: a health gate broke in {Stage}: {Failed} of {Assets} assets failed (gate {MaxPercent}%); rolling back")]
    public static partial void GateBroken(ILogger logger, string rolloutId, string stage, int failed, int assets, double maxPercent);

    [LoggerMessage(EventId = 10010, Level = LogLevel.Warning, Message = "Rollout {RolloutId}: the progress of {AssetId} could not be recorded (the change goes on): {Problem}")]
    public static partial void ProgressNotRecorded(ILogger logger, string rolloutId, string assetId, string problem);
}
