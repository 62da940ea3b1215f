using System.Text.Json.Serialization;

namespace Qlrf.Execution;

/// <summary>What a DR executor acts on: a pair's sites and the workloads (asset ids at the primary) it protects.</summary>
public sealed record DrScope(string Organisation, string PairId, string PrimarySite, string RecoverySite, IReadOnlyList<string> Workloads);

/// <summary>A site's health as the platform reports it.</summary>
public sealed record DrSiteStatus(string Site, bool Healthy, string? Detail, DateTimeOffset CheckedAt);

/// <summary>A pair's replication: whether it runs, and how far the recovery site trails the primary.</summary>
public sealed record ReplicationStatus(ReplicationState State, TimeSpan Lag, string? Detail, DateTimeOffset MeasuredAt);

public enum ReplicationState
{
    Replicating,
    Paused,
    FailedOver,
    Broken,
}

/// <summary>The long-running DR operations.</summary>
public enum DrJobKind
{
    /// <summary>Brings the recovery site up to date (a fresh recovery point; before a planned failover, a final sync).</summary>
    Sync,

    /// <summary>Starts the workloads at the recovery site (isolated for a test failover).</summary>
    Failover,

    /// <summary>Undoes a failover: cleans up a test failover, or returns production to the primary.</summary>
    Failback,

    /// <summary>Resumes replication from the primary to the recovery site after a planned failover.</summary>
    ResumeReplication,
}

/// <summary>A job to start or look up. <see cref="Key"/> (drill id and step) makes starting idempotent.</summary>
/// <param name="TestFailover">True for a test failover (isolated, production untouched), false for a planned failover.</param>
public sealed record DrJobRequest(DrScope Scope, DrJobKind Kind, string DrillId, bool TestFailover)
{
    public string Key => $"{DrillId}:{Kind}";
}

public enum DrJobState
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>A job as the platform reports it.</summary>
/// <param name="LagAtStart">For a failover: the replication lag when it started (the data-loss window).</param>
public sealed record DrJob(string Key, DrJobKind Kind, DrJobState State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Detail, TimeSpan? LagAtStart = null)
{
    [JsonIgnore]
    public bool IsFinished => State != DrJobState.Running;
}

/// <summary>The health of every workload's copy at the recovery site, at one check.</summary>
public sealed record RecoveryCheck(DateTimeOffset CheckedAt, IReadOnlyList<WorkloadCheck> Workloads)
{
    [JsonIgnore]
    public bool AllHealthy => Workloads.Count > 0 && Workloads.All(w => w.State == WorkloadState.Healthy);
}

/// <summary>One workload at the recovery site: its state, since when it has been healthy (if the platform knows), and why not.</summary>
public sealed record WorkloadCheck(string AssetId, WorkloadState State, DateTimeOffset? HealthySince, string? Detail);

public enum WorkloadState
{
    /// <summary>Not up yet.</summary>
    Starting,
    Healthy,

    /// <summary>Up but failing its checks.</summary>
    Unhealthy,

    /// <summary>No copy at the recovery site (the failover did not reach it).</summary>
    Missing,
}
