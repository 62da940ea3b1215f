using Qlrf.Execution;

namespace Qlrf.Sandbox.Dr;

public sealed partial class SandboxDrExecutor
{
    private SandboxDrState StartSync(DrJobRequest request, SandboxDrState state, DateTimeOffset now)
    {
        var recovery = options.CurrentValue.For(request.Scope.RecoverySite);
        var failure = Fault("sync", request, $"replication sync to {request.Scope.RecoverySite} failed");
        var lag = Replication(request.Scope, state, now).Lag;
        return state.With(new SandboxDrJob(
            request.Key, DrJobKind.Sync, now, now + recovery.SyncDuration!.Value, failure,
            $"synced {request.Scope.PrimarySite} → {request.Scope.RecoverySite}", lag, recovery.LagAfterSync));
    }

    private SandboxDrState StartFailover(DrJobRequest request, SandboxDrState state, DateTimeOffset now)
    {
        if (state.ActiveAt(now) is { } active && active.DrillId != request.DrillId)
        {
            throw new ExecutorException($"Pair '{request.Scope.PairId}' is already failed over to {request.Scope.RecoverySite} by drill {active.DrillId}.");
        }

        var recovery = options.CurrentValue.For(request.Scope.RecoverySite);
        var sync = state.Job($"{request.DrillId}:{DrJobKind.Sync}");
        var lag = sync is { Failure: null } && sync.FinishesAt <= now ? sync.LagAfter ?? TimeSpan.Zero : Replication(request.Scope, state, now).Lag;
        var failure = Fault("failover", request, $"failover to {request.Scope.RecoverySite} failed to launch the workloads");
        var unhealthy = Fault("validation", request, $"application health check failing at {request.Scope.RecoverySite}");
        var launched = now + recovery.FailoverDuration!.Value;
        var failover = new SandboxFailover(
            request.DrillId, request.TestFailover, now, launched, unhealthy is null ? launched + recovery.WarmUp!.Value : null, unhealthy, failure is not null, null);
        var next = state with
        {
            Failover = failover,
            ReplicationPausedAt = request.TestFailover ? state.ReplicationPausedAt : now,
            ReplicationResumesAt = request.TestFailover ? state.ReplicationResumesAt : null,
        };
        var detail = request.TestFailover
            ? $"test failover of {request.Scope.Workloads.Count} workload(s) into an isolated network at {request.Scope.RecoverySite}"
            : $"planned failover of {request.Scope.Workloads.Count} workload(s) to {request.Scope.RecoverySite}";
        return next.With(new SandboxDrJob(request.Key, DrJobKind.Failover, now, launched, failure, detail, lag, null));
    }

    private SandboxDrState StartFailback(DrJobRequest request, SandboxDrState state, DateTimeOffset now)
    {
        if (state.ActiveAt(now) is not { } active || active.DrillId != request.DrillId)
        {
            return state.With(new SandboxDrJob(request.Key, DrJobKind.Failback, now, now, null, "nothing to fail back: this drill has no failover in effect", null, null));
        }

        var primary = options.CurrentValue.For(request.Scope.PrimarySite);
        var failure = Fault("failback", request, active.Test
            ? $"clean-up of the test failover at {request.Scope.RecoverySite} failed"
            : $"failback to {request.Scope.PrimarySite} failed");
        var ends = now + primary.FailbackDuration!.Value;
        var detail = active.Test
            ? $"cleaned up the test failover at {request.Scope.RecoverySite}"
            : $"production returned to {request.Scope.PrimarySite}";
        var next = failure is null ? state with { Failover = active with { EndsAt = ends } } : state;
        return next.With(new SandboxDrJob(request.Key, DrJobKind.Failback, now, ends, failure, detail, null, null));
    }

    private SandboxDrState StartResume(DrJobRequest request, SandboxDrState state, DateTimeOffset now)
    {
        if (state.ActiveAt(now) is { Test: false } active)
        {
            throw new ExecutorException($"Replication of pair '{request.Scope.PairId}' cannot resume while production runs at {request.Scope.RecoverySite} (drill {active.DrillId}).");
        }

        if (!state.PausedAt(now) || state.ReplicationResumesAt is not null)
        {
            return state.With(new SandboxDrJob(request.Key, DrJobKind.ResumeReplication, now, now, null, "replication was not paused", null, null));
        }

        var recovery = options.CurrentValue.For(request.Scope.RecoverySite);
        var failure = Fault("resume", request, $"replication to {request.Scope.RecoverySite} did not resume");
        var resumes = now + recovery.SyncDuration!.Value;
        var next = failure is null ? state with { ReplicationResumesAt = resumes } : state;
        return next.With(new SandboxDrJob(request.Key, DrJobKind.ResumeReplication, now, resumes, failure, $"replication {request.Scope.PrimarySite} → {request.Scope.RecoverySite} resumed", null, null));
    }

    /// <summary>The failure an injected fault causes in this operation, or null.</summary>
    private string? Fault(string operation, DrJobRequest request, string what)
    {
        var scope = request.Scope;
        var fault = options.CurrentValue.Faults.FirstOrDefault(f =>
            string.Equals(f.Operation, operation, StringComparison.OrdinalIgnoreCase)
            && (f.Pairs.Count == 0 || f.Pairs.Contains(scope.PairId, StringComparer.Ordinal))
            && (f.Sites.Count == 0 || f.Sites.Contains(scope.PrimarySite, StringComparer.Ordinal) || f.Sites.Contains(scope.RecoverySite, StringComparer.Ordinal)));
        return fault is null ? null : $"Injected sandbox fault: {fault.Detail ?? what}.";
    }
}
