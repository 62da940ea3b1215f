using Qlrf.Drift;
using Qlrf.Execution;

namespace Qlrf.Dr;

/// <summary>What readiness is judged from: the pair, its sites and replication as the platform reports them now, and its last drill.</summary>
/// <param name="Primary">The primary site's status, or null when no executor serves the pair's sites.</param>
/// <param name="Recovery">The recovery site's status, or null likewise.</param>
/// <param name="Replication">The pair's replication, or null likewise.</param>
public sealed record DrReadinessInput(
    DrPair Pair,
    DrSiteStatus? Primary,
    DrSiteStatus? Recovery,
    ReplicationStatus? Replication,
    LastDrill? LastDrill,
    TimeSpan DefaultMaxDrillAge,
    DateTimeOffset Now);

/// <summary>One check of readiness, with its own colour.</summary>
/// <param name="Code">Stable, for machines: <c>primary_unhealthy</c>, <c>lag_exceeds_rpo</c>, <c>drill_overdue</c>...</param>
public sealed record ReadinessReason(string Code, RagStatus Status, string Message);

/// <summary>A pair's readiness: the worst colour of its checks, each check with its reason.</summary>
public sealed record DrReadiness(
    string PairId,
    string PairName,
    RagStatus Status,
    IReadOnlyList<ReadinessReason> Reasons,
    bool? PrimaryHealthy,
    bool? RecoveryHealthy,
    TimeSpan? ReplicationLag,
    TimeSpan RpoTarget,
    LastDrill? LastDrill,
    TimeSpan MaxDrillAge,
    DateTimeOffset CheckedAt);
