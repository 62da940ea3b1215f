namespace Qlrf.Execution;

/// <summary>
/// Fails a DR pair over and back on its platform, and reports site health and replication. Failover,
/// failback and the rest are long-running jobs: <see cref="StartJobAsync"/> starts one (or returns the one
/// already started under the same key, so a redelivered activity starts nothing twice) and
/// <see cref="GetJobAsync"/> reports how it stands. Timestamps are the platform's own.
/// </summary>
public interface IDrExecutor
{
    /// <summary>Whether this executor serves a pair between these sites of the organisation.</summary>
    bool Handles(string organisation, string primarySite, string recoverySite);

    /// <summary>
    /// Whether this executor can fail over a workload discovered by the source on the platform (by default, every one
    /// at the sites it serves); a drill of a pair protecting one it cannot is refused when requested.
    /// </summary>
    ExecutorSupport Protects(string source, Inventory.Platform platform) => ExecutorSupport.Supported;

    /// <summary>The site's health now.</summary>
    Task<DrSiteStatus> GetSiteStatusAsync(string organisation, string site, CancellationToken cancellationToken);

    /// <summary>The pair's replication now: state and lag.</summary>
    Task<ReplicationStatus> GetReplicationAsync(DrScope scope, CancellationToken cancellationToken);

    /// <summary>Starts the job, or returns the job already started under <see cref="DrJobRequest.Key"/>. Throws <see cref="ExecutorException"/> when it cannot start.</summary>
    Task<DrJob> StartJobAsync(DrJobRequest request, CancellationToken cancellationToken);

    /// <summary>The job started under the request's key, as it stands now. Throws <see cref="ExecutorException"/> when there is none.</summary>
    Task<DrJob> GetJobAsync(DrJobRequest request, CancellationToken cancellationToken);

    /// <summary>The health of each workload's copy at the recovery site, for the failover the drill started.</summary>
    Task<RecoveryCheck> CheckRecoveryAsync(DrScope scope, string drillId, CancellationToken cancellationToken);
}
