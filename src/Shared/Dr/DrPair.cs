using System.Text.Json.Serialization;

namespace Qlrf.Dr;

/// <summary>
/// A DR pair: the workloads of one environment that run at a primary site and can fail over to a recovery
/// site, how their data replicates, and the recovery time (RTO) and data-loss window (RPO) they must meet.
/// </summary>
public sealed record DrPair
{
    public required string Organisation { get; init; }

    /// <summary>A slug, unique in the organisation (<c>orders-db-aws</c>).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string PrimarySite { get; init; }

    public required string RecoverySite { get; init; }

    /// <summary>The environment the protected workloads run in; approvers need <c>approve:tasks</c> there.</summary>
    public required string Environment { get; init; }

    public required DrWorkloads Workloads { get; init; }

    public required ReplicationKind Replication { get; init; }

    /// <summary>The longest the workloads may take to be healthy at the recovery site after failover starts.</summary>
    public required TimeSpan RtoTarget { get; init; }

    /// <summary>The most data (replication lag at failover) the pair may lose.</summary>
    public required TimeSpan RpoTarget { get; init; }

    public DrPairPolicy Policy { get; init; } = new();

    /// <summary>When drills recur; none when null.</summary>
    public DrSchedule? Schedule { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    /// <summary>Optimistic concurrency: the store refuses a write based on an older version.</summary>
    public long ETag { get; init; }
}

/// <summary>
/// The workloads a pair protects: the assets at the primary site, in the pair's environment, that are named
/// here or carry every one of the tags. Either list may be empty, not both.
/// </summary>
public sealed record DrWorkloads
{
    public IReadOnlyList<string> AssetIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public bool IsEmpty => AssetIds.Count == 0 && Tags.Count == 0;
}

/// <summary>What a pair allows: unattended scheduled test failovers, and how old its last drill may grow.</summary>
/// <param name="AllowUnattendedTestFailover">A scheduled test failover runs without waiting for approval.</param>
/// <param name="MaxDrillAge">Past this age the last drill turns readiness amber; null takes <c>Qlrf:Dr:DefaultMaxDrillAge</c>.</param>
public sealed record DrPairPolicy(bool AllowUnattendedTestFailover = false, TimeSpan? MaxDrillAge = null);

/// <summary>A recurring drill: an NCRONTAB expression (UTC) and the kind of drill it starts.</summary>
public sealed record DrSchedule(string Cron, DrillKind Kind = DrillKind.TestFailover);

/// <summary>How a pair's data reaches its recovery site.</summary>
public enum ReplicationKind
{
    Asynchronous,
    Synchronous,
    Snapshot,
}
