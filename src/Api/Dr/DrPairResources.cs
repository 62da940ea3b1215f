using Qlrf.Dr;
using Qlrf.Drift;

namespace Qlrf.Api.Dr;

/// <summary>The body of a create or update of a DR pair. Targets are in seconds; the schedule is NCRONTAB (UTC).</summary>
public sealed record DrPairRequest(
    string? Id,
    string? Name,
    string? PrimarySite,
    string? RecoverySite,
    string? Environment,
    DrWorkloadsBody? Workloads,
    ReplicationKind? Replication,
    double? RtoTargetSeconds,
    double? RpoTargetSeconds,
    DrPolicyBody? Policy,
    DrScheduleBody? Schedule);

public sealed record DrWorkloadsBody(IReadOnlyList<string>? AssetIds, IReadOnlyDictionary<string, string>? Tags);

public sealed record DrPolicyBody(bool AllowUnattendedTestFailover = false, double? MaxDrillAgeDays = null);

public sealed record DrScheduleBody(string? Cron, DrillKind Kind = DrillKind.TestFailover);

/// <summary>A DR pair as the API shows it, with its next scheduled drill.</summary>
public sealed record DrPairResource(
    string Id,
    string Name,
    string PrimarySite,
    string RecoverySite,
    string Environment,
    DrWorkloadsBody Workloads,
    ReplicationKind Replication,
    double RtoTargetSeconds,
    double RpoTargetSeconds,
    DrPolicyBody Policy,
    DrScheduleBody? Schedule,
    DateTimeOffset? NextDrillAt,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    long ETag)
{
    public static DrPairResource From(DrPair pair, DateTimeOffset? nextDrillAt)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new DrPairResource(
            pair.Id,
            pair.Name,
            pair.PrimarySite,
            pair.RecoverySite,
            pair.Environment,
            new DrWorkloadsBody(pair.Workloads.AssetIds, pair.Workloads.Tags),
            pair.Replication,
            pair.RtoTarget.TotalSeconds,
            pair.RpoTarget.TotalSeconds,
            new DrPolicyBody(pair.Policy.AllowUnattendedTestFailover, pair.Policy.MaxDrillAge?.TotalDays),
            pair.Schedule is { } s ? new DrScheduleBody(s.Cron, s.Kind) : null,
            nextDrillAt,
            pair.CreatedAt,
            pair.CreatedBy,
            pair.UpdatedAt,
            pair.UpdatedBy,
            pair.ETag);
    }
}

/// <summary>A pair's readiness as the API shows it.</summary>
public sealed record DrReadinessResource(
    string PairId,
    string PairName,
    RagStatus Status,
    IReadOnlyList<ReadinessReason> Reasons,
    bool? PrimaryHealthy,
    bool? RecoveryHealthy,
    double? ReplicationLagSeconds,
    double RpoTargetSeconds,
    LastDrillResource? LastDrill,
    double MaxDrillAgeDays,
    DateTimeOffset CheckedAt)
{
    public static DrReadinessResource From(DrReadiness r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new DrReadinessResource(
            r.PairId, r.PairName, r.Status, r.Reasons, r.PrimaryHealthy, r.RecoveryHealthy, r.ReplicationLag?.TotalSeconds, r.RpoTarget.TotalSeconds,
            r.LastDrill is { } d ? new LastDrillResource(d.DrillId, d.Kind, d.Outcome, d.FinishedAt, (r.CheckedAt - d.FinishedAt).TotalDays, d.Rto?.TotalSeconds, d.Rpo?.TotalSeconds) : null,
            r.MaxDrillAge.TotalDays, r.CheckedAt);
    }
}

public sealed record LastDrillResource(string DrillId, DrillKind Kind, DrillOutcome Outcome, DateTimeOffset FinishedAt, double AgeDays, double? RtoSeconds, double? RpoSeconds);

/// <summary>The fleet view: the worst status, how many pairs have each, and every pair's readiness.</summary>
public sealed record FleetReadinessResource(RagStatus? Status, int Green, int Amber, int Red, IReadOnlyList<DrReadinessResource> Pairs, DateTimeOffset CheckedAt);
