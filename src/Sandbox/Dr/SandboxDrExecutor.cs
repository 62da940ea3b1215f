using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Execution;
using Qlrf.Json;

namespace Qlrf.Sandbox.Dr;

/// <summary>
/// The sandbox platform's DR executor: simulates replication lag, failover and failback per site with the
/// configured durations and injected faults (<see cref="SandboxDrOptions"/>). Its state lives in the store, as
/// timestamps taken from <see cref="TimeProvider"/>, so a restart mid-drill changes nothing it reports.
/// </summary>
public sealed partial class SandboxDrExecutor(
    SandboxSources sources,
    ISandboxDrStateStore store,
    IOptionsMonitor<SandboxDrOptions> options,
    TimeProvider time,
    ILogger<SandboxDrExecutor> logger) : IDrExecutor, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();

    public bool Handles(string organisation, string primarySite, string recoverySite) =>
        sources.HasSite(organisation, primarySite) && sources.HasSite(organisation, recoverySite);

    public Task<DrSiteStatus> GetSiteStatusAsync(string organisation, string site, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!sources.HasSite(organisation, site))
        {
            return Task.FromResult(new DrSiteStatus(site, false, $"'{site}' is not a site of any sandbox estate of {organisation}.", now));
        }

        var settings = options.CurrentValue.For(site);
        return Task.FromResult(settings.Healthy == true
            ? new DrSiteStatus(site, true, null, now)
            : new DrSiteStatus(site, false, settings.HealthDetail ?? "the sandbox site is configured unhealthy", now));
    }

    public async Task<ReplicationStatus> GetReplicationAsync(DrScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var state = await LoadAsync(scope, cancellationToken);
        return Replication(scope, state, time.GetUtcNow());
    }

    public async Task<DrJob> StartJobAsync(DrJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var state = await LoadAsync(request.Scope, cancellationToken);
            var now = time.GetUtcNow();
            if (state.Job(request.Key) is { } existing)
            {
                return existing.At(now);
            }

            var next = request.Kind switch
            {
                DrJobKind.Sync => StartSync(request, state, now),
                DrJobKind.Failover => StartFailover(request, state, now),
                DrJobKind.Failback => StartFailback(request, state, now),
                _ => StartResume(request, state, now),
            };
            await store.SaveAsync(request.Scope.Organisation, request.Scope.PairId, QlrfJson.Serialize(next), cancellationToken);
            var job = next.Job(request.Key)!;
            SandboxDrLogs.JobStarted(logger, request.Kind, request.Scope.PairId, request.Scope.Organisation, request.DrillId, job.FinishesAt, job.Failure is not null);
            return job.At(now);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<DrJob> GetJobAsync(DrJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await LoadAsync(request.Scope, cancellationToken);
        return state.Job(request.Key)?.At(time.GetUtcNow())
            ?? throw new ExecutorException($"The sandbox has no {EnumText<DrJobKind>.Of(request.Kind)} job '{request.Key}' for pair '{request.Scope.PairId}'.");
    }

    public async Task<RecoveryCheck> CheckRecoveryAsync(DrScope scope, string drillId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var state = await LoadAsync(scope, cancellationToken);
        var now = time.GetUtcNow();
        var failover = state.ActiveAt(now) is { } f && f.DrillId == drillId ? f : null;
        var checks = scope.Workloads.Select(id => Workload(scope, failover, id, now)).ToList();
        return new RecoveryCheck(now, checks);
    }

    private static WorkloadCheck Workload(DrScope scope, SandboxFailover? failover, string assetId, DateTimeOffset now)
    {
        if (failover is null)
        {
            return new WorkloadCheck(assetId, WorkloadState.Missing, null, $"no copy at {scope.RecoverySite}: this drill has no failover in effect");
        }

        if (failover.Failed)
        {
            return new WorkloadCheck(assetId, WorkloadState.Missing, null, $"no copy at {scope.RecoverySite}: the failover failed");
        }

        if (now < failover.LaunchedAt)
        {
            return new WorkloadCheck(assetId, WorkloadState.Starting, null, $"launching at {scope.RecoverySite}");
        }

        if (failover.Unhealthy is { } unhealthy)
        {
            return new WorkloadCheck(assetId, WorkloadState.Unhealthy, null, unhealthy);
        }

        return now < failover.HealthyAt
            ? new WorkloadCheck(assetId, WorkloadState.Starting, null, $"launched at {scope.RecoverySite}; health checks not passing yet")
            : new WorkloadCheck(assetId, WorkloadState.Healthy, failover.HealthyAt, $"healthy at {scope.RecoverySite}{(failover.Test ? " (isolated test network)" : "")}");
    }

    private ReplicationStatus Replication(DrScope scope, SandboxDrState state, DateTimeOffset now)
    {
        var recovery = options.CurrentValue.For(scope.RecoverySite);
        var lag = recovery.ReplicationLag!.Value;
        if (state.ActiveAt(now) is { Test: false } planned)
        {
            return new ReplicationStatus(ReplicationState.FailedOver, lag + (now - planned.StartedAt), $"production runs at {scope.RecoverySite} (drill {planned.DrillId})", now);
        }

        if (state.PausedAt(now))
        {
            return new ReplicationStatus(ReplicationState.Paused, lag + (now - state.ReplicationPausedAt!.Value), "replication waits to resume after failback", now);
        }

        return new ReplicationStatus(ReplicationState.Replicating, lag, null, now);
    }

    private async Task<SandboxDrState> LoadAsync(DrScope scope, CancellationToken cancellationToken) =>
        await store.GetAsync(scope.Organisation, scope.PairId, cancellationToken) is { } json
            ? QlrfJson.Deserialize<SandboxDrState>(json) ?? new SandboxDrState()
            : new SandboxDrState();
}
