using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Workflows.Compensation;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills;

internal sealed partial class DrillRun
{
    private bool Test => input.Kind == DrillKind.TestFailover;

    /// <summary>Phase 3: brings the recovery site up to date.</summary>
    private async Task<bool> SyncAsync()
    {
        await BeginAsync(DrillPhase.ReplicationSync, DrillStatus.Running);
        changed = true;
        var (job, problem) = await RunJobAsync(DrJobKind.Sync, DrillPhase.ReplicationSync);
        if (problem is not null)
        {
            Fail(DrillPhase.ReplicationSync, problem, Pair.RecoverySite);
            return false;
        }

        journal.Pass(DrillPhase.ReplicationSync, Now, $"{job!.Detail}; lag before {Duration(job.LagAtStart)}.");
        return true;
    }

    /// <summary>Phase 4: registers failback (and, for a planned failover, the resumption of replication) first, then fails over.</summary>
    private async Task<bool> FailoverAsync()
    {
        if (!Test)
        {
            compensations.Register($"resume replication {Pair.PrimarySite} → {Pair.RecoverySite}", () => UndoAsync(DrJobKind.ResumeReplication));
        }

        compensations.Register(Test ? $"clean up the test failover at {Pair.RecoverySite}" : $"fail back to {Pair.PrimarySite}", () => UndoAsync(DrJobKind.Failback));
        await BeginAsync(DrillPhase.Failover, DrillStatus.Running);
        var (job, problem) = await RunJobAsync(DrJobKind.Failover, DrillPhase.Failover);
        if (problem is not null)
        {
            Fail(DrillPhase.Failover, problem, Pair.RecoverySite);
            return false;
        }

        failover = job!;
        rpo = DrillMeasurements.Rpo(Pair.RpoTarget, job!.LagAtStart, job.StartedAt);
        journal.Pass(DrillPhase.Failover, Now, $"{job.Detail}; started {Time(job.StartedAt)}, launched {Time(job.FinishedAt)}; replication lag at failover {Duration(job.LagAtStart)}.");
        if (!rpo.Met)
        {
            journal.Breach(DrillPhase.Failover, $"RPO {Duration(rpo.Measured)} exceeds the target {Duration(Pair.RpoTarget)}.", Pair.RecoverySite);
        }

        return true;
    }

    /// <summary>Phase 5: checks the workloads at the recovery site until all are healthy or the RTO target has passed since failover started.</summary>
    private async Task<bool> ValidateAsync()
    {
        await BeginAsync(DrillPhase.Validation, DrillStatus.Running);
        var deadline = failover!.StartedAt + Pair.RtoTarget;
        RecoveryCheck? last = null;
        DateTimeOffset? confirmed = null;
        string? seen = null;
        var passed = false;
        while (true)
        {
            RecoveryCheck check;
            try
            {
                check = await context.CallActivityAsync<RecoveryCheck>(nameof(CheckRecoveryActivity), new RecoveryCheckRequest(Scope, input.DrillId), retry);
            }
            catch (TaskFailedException ex)
            {
                Fail(DrillPhase.Validation, Reason(ex), Pair.RecoverySite);
                break;
            }

            last = check;
            var observed = Describe(check);
            if (observed != seen)
            {
                journal.Observe(check.CheckedAt, DrillPhase.Validation, Pair.RecoverySite, observed);
                seen = observed;
            }

            if (check.AllHealthy)
            {
                confirmed = check.CheckedAt;
                journal.Pass(DrillPhase.Validation, Now, $"All {check.Workloads.Count} workload(s) healthy at {Pair.RecoverySite}.");
                passed = true;
                break;
            }

            if (Now >= deadline)
            {
                Fail(DrillPhase.Validation, NotHealthy(check), Pair.RecoverySite);
                break;
            }

            var next = Now + input.Settings.PollInterval;
            await context.CreateTimer((next < deadline ? next : deadline).UtcDateTime, CancellationToken.None);
            SetStatus();
        }

        rto = DrillMeasurements.Rto(Pair.RtoTarget, failover.StartedAt, last?.Workloads.Select(w => w.HealthySince).ToList() ?? [], confirmed);
        if (passed && !rto.Met)
        {
            journal.Breach(DrillPhase.Validation, $"RTO {Duration(rto.Measured)} exceeds the target {Duration(Pair.RtoTarget)}.", Pair.RecoverySite);
        }

        return passed;
    }

    /// <summary>Phase 6: unwinds the compensations (newest first), whatever happened before.</summary>
    public async Task FailBackAsync()
    {
        if (compensations.Count == 0)
        {
            if (changed)
            {
                journal.Skip(DrillPhase.Failback, "Nothing to undo: no failover was started.");
            }

            return;
        }

        await BeginAsync(DrillPhase.Failback, DrillStatus.Running);
        var results = await compensations.UnwindAsync(context);
        foreach (var r in results)
        {
            var step = new RestoreRecord(r.Name, r.Status == CompensationStatus.Done, At(r.StartedAt), At(r.FinishedAt), r.Detail);
            journal.Restore(step);
            journal.Observe(step.FinishedAt, DrillPhase.Failback, r.Name, $"{Json.EnumText<CompensationStatus>.Of(r.Status)}: {r.Detail}");
        }

        if (results.FirstOrDefault(r => r.Status == CompensationStatus.Failed) is { } failed)
        {
            Fail(DrillPhase.Failback, $"{failed.Name} failed: {failed.Detail}; the pair needs recovering by hand.", Test ? Pair.RecoverySite : Pair.PrimarySite);
            return;
        }

        journal.Pass(DrillPhase.Failback, Now, "Restored: " + string.Join("; ", results.Select(r => r.Name)) + ".");
    }

    /// <summary>Phase 7: the primary is healthy and replication runs; only after the drill changed something.</summary>
    public async Task PostCheckAsync()
    {
        if (!changed)
        {
            return;
        }

        await BeginAsync(DrillPhase.PostCheck, DrillStatus.Running);
        try
        {
            var post = await context.CallActivityAsync<PostCheckResult>(nameof(DrillPostCheckActivity), Scope, retry);
            Observe(post.Primary, null, post.Replication);
            if (post.Passed)
            {
                journal.Pass(DrillPhase.PostCheck, Now, post.Summary);
            }
            else
            {
                Fail(DrillPhase.PostCheck, post.Summary, post.FailedSite);
            }
        }
        catch (TaskFailedException ex)
        {
            Fail(DrillPhase.PostCheck, Reason(ex), null);
        }
    }

    /// <summary>A compensation: runs the job to its end; throws <see cref="CompensationFailedException"/> if it does not succeed.</summary>
    private async Task<string?> UndoAsync(DrJobKind kind)
    {
        var (job, problem) = await RunJobAsync(kind, DrillPhase.Failback);
        return problem is null ? job!.Detail : throw new CompensationFailedException(problem);
    }

    /// <summary>Starts a job and polls it to its end (within the job timeout); returns it, or what went wrong.</summary>
    private async Task<(DrJob? Job, string? Problem)> RunJobAsync(DrJobKind kind, DrillPhase during)
    {
        var request = new DrJobRequest(Scope, kind, input.DrillId, Test);
        DrJob job;
        try
        {
            job = await context.CallActivityAsync<DrJob>(nameof(StartDrJobActivity), request, retry);
            var deadline = Now + input.Settings.JobTimeout;
            while (!job.IsFinished)
            {
                if (Now >= deadline)
                {
                    return (job, $"The {Json.EnumText<DrJobKind>.Of(kind)} job did not finish within {Duration(input.Settings.JobTimeout)}.");
                }

                var next = Now + input.Settings.PollInterval;
                await context.CreateTimer((next < deadline ? next : deadline).UtcDateTime, CancellationToken.None);
                SetStatus();
                job = await context.CallActivityAsync<DrJob>(nameof(GetDrJobActivity), request, retry);
            }
        }
        catch (TaskFailedException ex)
        {
            return (null, Reason(ex));
        }

        journal.Observe(job.FinishedAt ?? Now, during, $"{Json.EnumText<DrJobKind>.Of(kind)} job", $"{Json.EnumText<DrJobState>.Of(job.State)}: {job.Detail}");
        return job.State == DrJobState.Succeeded ? (job, null) : (job, job.Detail ?? $"The {Json.EnumText<DrJobKind>.Of(kind)} job failed.");
    }

    private static string Describe(RecoveryCheck check) =>
        string.Join("; ", check.Workloads.GroupBy(w => w.State).Select(g => $"{Json.EnumText<WorkloadState>.Of(g.Key)}: {string.Join(", ", g.Select(w => w.AssetId))}{(g.First().Detail is { } d ? $" ({d})" : "")}"));

    private string NotHealthy(RecoveryCheck check)
    {
        var unhealthy = check.Workloads.Where(w => w.State == WorkloadState.Unhealthy).ToList();
        return unhealthy.Count > 0
            ? $"Validation failed at {Pair.RecoverySite}: {string.Join("; ", unhealthy.Select(w => $"{w.AssetId}: {w.Detail}"))}."
            : $"The workloads were not healthy at {Pair.RecoverySite} within the RTO target {Duration(Pair.RtoTarget)}: {Describe(check)}.";
    }
}
