using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Workflows.Notifications;
using Qlrf.Notifications;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Dr;

/// <summary>
/// A DR platform for drill orchestrator tests, answering the drill's activities on a <see cref="FakeOrchestrationContext"/>:
/// jobs that take a set time on the context's clock, workloads that become healthy after failover plus warm-up, and
/// faults to inject per job or activity.
/// </summary>
internal sealed class DrillPlatformFake
{
    public static readonly DateTime Start = new(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);
    public static readonly DrillSettings Settings = new(TimeSpan.FromHours(24), 1, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), 1, TimeSpan.FromSeconds(1));

    private readonly Dictionary<string, (DrJobKind Kind, DateTime StartedAt, TimeSpan Takes, bool Fails)> jobs = [];
    private DateTime? launchedAt;
    private DateTime? failedOverAt;

    public DrillPlatformFake(string drillId = "dr-acme-1")
    {
        Context = new FakeOrchestrationContext(drillId, Start);
        Context
            .On<DrillPreCheckRequest, PreCheckResult>(nameof(DrillPreCheckActivity), _ => Throwing(nameof(DrillPreCheckActivity), PreCheck))
            .On<DrillProgressUpdate, bool>(nameof(RecordDrillProgressActivity), u => { Progress.Add(u); return true; })
            .On<Approval, Approval>(nameof(OpenApprovalActivity), a => { Opened.Add(Throwing(nameof(OpenApprovalActivity), a)); return a; })
            .On<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), r => new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], null))
            .On<Notification, bool>(nameof(NotifyActivity), n => { Notifications.Add(n); return true; })
            .On<DrJobRequest, DrJob>(nameof(StartDrJobActivity), StartJob)
            .On<DrJobRequest, DrJob>(nameof(GetDrJobActivity), r => Job(r.Key))
            .On<RecoveryCheckRequest, RecoveryCheck>(nameof(CheckRecoveryActivity), Check)
            .On<DrScope, PostCheckResult>(nameof(DrillPostCheckActivity), _ => Throwing(nameof(DrillPostCheckActivity), PostCheck))
            .On<DrillReport, bool>(nameof(FinishDrillActivity), r => { Finished = Throwing(nameof(FinishDrillActivity), r); return true; });
    }

    public FakeOrchestrationContext Context { get; }

    public TimeSpan SyncTakes { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan FailoverTakes { get; set; } = TimeSpan.FromSeconds(8);

    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(12);

    public TimeSpan FailbackTakes { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan LagAfterSync { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Jobs that end in failure.</summary>
    public HashSet<DrJobKind> FailingJobs { get; } = [];

    /// <summary>Activities that throw (after retries).</summary>
    public HashSet<string> ThrowingActivities { get; } = [];

    /// <summary>Whether the workloads fail their checks at the recovery site.</summary>
    public bool Unhealthy { get; set; }

    public PreCheckResult PreCheck { get; set; } = new(true, "2 workload(s); both sites healthy.", null, ["db-1", "db-2"], null, null, null);

    public PostCheckResult PostCheck { get; set; } = new(
        true, "primary healthy; replicating", null, new DrSiteStatus("site-a", true, null, Start), new ReplicationStatus(ReplicationState.Replicating, TimeSpan.FromSeconds(20), null, Start));

    public List<DrillProgressUpdate> Progress { get; } = [];

    public List<Approval> Opened { get; } = [];

    public List<Notification> Notifications { get; } = [];

    /// <summary>Jobs started, in order.</summary>
    public List<DrJobKind> Started { get; } = [];

    public int RecoveryChecks { get; private set; }

    public DrillReport? Finished { get; private set; }

    /// <summary>The activities called, in order, with repeated polls collapsed.</summary>
    public List<string> Steps => Context.Calls.Select(c => c.Name).Aggregate(new List<string>(), (list, name) =>
    {
        if (list.Count == 0 || list[^1] != name || name is not (nameof(GetDrJobActivity) or nameof(CheckRecoveryActivity)))
        {
            list.Add(name);
        }

        return list;
    });

    public static DrPair Pair(TimeSpan? rto = null, TimeSpan? rpo = null) => new()
    {
        Organisation = "acme",
        Id = "orders-db",
        Name = "Orders database",
        PrimarySite = "site-a",
        RecoverySite = "site-b",
        Environment = "prod",
        Workloads = new DrWorkloads { Tags = new Dictionary<string, string> { ["dr-group"] = "orders" } },
        Replication = ReplicationKind.Asynchronous,
        RtoTarget = rto ?? TimeSpan.FromMinutes(5),
        RpoTarget = rpo ?? TimeSpan.FromMinutes(1),
        CreatedAt = DateTimeOffset.UnixEpoch,
        CreatedBy = "user:alice",
    };

    public DrillInput Input(DrPair? pair = null, DrillKind kind = DrillKind.TestFailover, bool dryRun = false, bool unattended = false) => new()
    {
        DrillId = Context.InstanceId,
        Organisation = "acme",
        Pair = pair ?? Pair(),
        Kind = kind,
        DryRun = dryRun,
        Trigger = unattended ? DrillTrigger.Schedule : DrillTrigger.Manual,
        RequestedBy = "user:alice",
        Unattended = unattended,
        Settings = Settings,
    };

    public Task<DrillReport> RunAsync(DrillInput input) => new DrillOrchestrator().RunAsync(Context, input);

    public void Approve(string by = "user:bob") =>
        Context.RaiseEvent(ApprovalEvents.ApprovalClosed, new ApprovalOutcome(
            Context.InstanceId + ":approval", ApprovalStatus.Approved, [new ApprovalDecision(by, ApprovalDecisionKind.Approve, "ok", "api", Context.CurrentUtcDateTime)], Context.CurrentUtcDateTime));

    public void Reject(string by = "user:bob") =>
        Context.RaiseEvent(ApprovalEvents.ApprovalClosed, new ApprovalOutcome(
            Context.InstanceId + ":approval", ApprovalStatus.Rejected, [new ApprovalDecision(by, ApprovalDecisionKind.Reject, "not today", "api", Context.CurrentUtcDateTime)], Context.CurrentUtcDateTime));

    /// <summary>Moves the clock a poll at a time until the drill finishes (or a bound is hit).</summary>
    public async Task<DrillReport> FinishAsync(Task<DrillReport> drill, TimeSpan? limit = null)
    {
        var until = Context.CurrentUtcDateTime + (limit ?? TimeSpan.FromHours(3));
        while (!drill.IsCompleted && Context.CurrentUtcDateTime < until)
        {
            Context.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(drill.IsCompleted, "the drill did not finish");
        return await drill;
    }

    private T Throwing<T>(string activity, T result) => ThrowingActivities.Contains(activity) ? throw new ExecutorException($"{activity} failed") : result;

    private DrJob StartJob(DrJobRequest request)
    {
        Throwing(nameof(StartDrJobActivity) + ":" + request.Kind, true);
        if (!jobs.ContainsKey(request.Key))
        {
            var takes = request.Kind switch
            {
                DrJobKind.Sync => SyncTakes,
                DrJobKind.Failover => FailoverTakes,
                DrJobKind.Failback => FailbackTakes,
                _ => SyncTakes,
            };
            jobs[request.Key] = (request.Kind, Context.CurrentUtcDateTime, takes, FailingJobs.Contains(request.Kind));
            Started.Add(request.Kind);
            if (request.Kind == DrJobKind.Failover)
            {
                failedOverAt = Context.CurrentUtcDateTime;
                launchedAt = Context.CurrentUtcDateTime + takes;
            }
            else if (request.Kind == DrJobKind.Failback && !FailingJobs.Contains(DrJobKind.Failback))
            {
                launchedAt = null;
            }
        }

        return Job(request.Key);
    }

    private DrJob Job(string key)
    {
        var (kind, started, takes, fails) = jobs[key];
        var startedAt = new DateTimeOffset(started);
        TimeSpan? lag = kind switch
        {
            DrJobKind.Failover => LagAfterSync,
            DrJobKind.Sync => TimeSpan.FromSeconds(20),
            _ => null,
        };
        return Context.CurrentUtcDateTime < started + takes
            ? new DrJob(key, kind, DrJobState.Running, startedAt, null, $"{kind} running", lag)
            : new DrJob(key, kind, fails ? DrJobState.Failed : DrJobState.Succeeded, startedAt, startedAt + takes, fails ? $"{kind} failed at the platform" : $"{kind} done", lag);
    }

    private RecoveryCheck Check(RecoveryCheckRequest request)
    {
        RecoveryChecks++;
        Throwing(nameof(CheckRecoveryActivity), true);
        var now = Context.CurrentUtcDateTime;
        var healthyAt = launchedAt + WarmUp;
        var workloads = request.Scope.Workloads.Select(id =>
            launchedAt is null || failedOverAt is null ? new WorkloadCheck(id, WorkloadState.Missing, null, "no copy")
            : Unhealthy && now >= launchedAt ? new WorkloadCheck(id, WorkloadState.Unhealthy, null, "application check failing")
            : now >= healthyAt ? new WorkloadCheck(id, WorkloadState.Healthy, new DateTimeOffset(healthyAt.Value), "healthy")
            : new WorkloadCheck(id, WorkloadState.Starting, null, "starting")).ToList();
        return new RecoveryCheck(new DateTimeOffset(now), workloads);
    }
}
