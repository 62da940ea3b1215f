using Qlrf.Approvals;
using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Workflows.Notifications;

namespace Qlrf.Durable.Functions.Tests.Scenarios;

/// <summary>
/// The drill orchestrator's activities, faked under their real names: two healthy sites whose jobs finish at once, and
/// workloads that, when <see cref="Unhealthy"/>, fail their application check at the recovery site. Records the jobs started.
/// </summary>
public sealed class DrillSites
{
    private readonly Lock gate = new();
    private readonly List<DrJobKind> started = [];
    private readonly List<Approval> approvals = [];
    private readonly Dictionary<string, DrJob> jobs = new(StringComparer.Ordinal);
    private int recoveryChecks;

    public bool Unhealthy { get; set; }

    public List<DrJobKind> Started => Snapshot(started);

    public List<Approval> Approvals => Snapshot(approvals);

    public int RecoveryChecks => Volatile.Read(ref recoveryChecks);

    public static DrillInput Input(TimeSpan rto) => new()
    {
        DrillId = "dr-acme-" + Guid.NewGuid().ToString("N")[..8],
        Organisation = "acme",
        Pair = new DrPair
        {
            Organisation = "acme",
            Id = "orders-db",
            Name = "Orders database",
            PrimarySite = "site-a",
            RecoverySite = "site-b",
            Environment = "prod",
            Workloads = new DrWorkloads { Tags = new Dictionary<string, string> { ["dr-group"] = "orders" } },
            Replication = ReplicationKind.Asynchronous,
            RtoTarget = rto,
            RpoTarget = TimeSpan.FromMinutes(1),
            CreatedAt = DateTimeOffset.UnixEpoch,
            CreatedBy = "user:alice",
        },
        Kind = DrillKind.TestFailover,
        Trigger = DrillTrigger.Manual,
        RequestedBy = "user:alice",
        Settings = new DrillSettings(TimeSpan.FromDays(1), 1, TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1), 1, TimeSpan.FromSeconds(1)),
    };

    public void Register(OrchestrationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var now = TimeProvider.System;
        registry
            .AddOrchestrator<DrillOrchestrator>(nameof(DrillOrchestrator))
            .AddActivity<DrillPreCheckRequest, PreCheckResult>(nameof(DrillPreCheckActivity), (_, _) =>
                Task.FromResult(new PreCheckResult(true, "2 workload(s); both sites healthy.", null, ["db-1", "db-2"], null, null, null)))
            .AddActivity<DrillProgressUpdate, bool>(nameof(RecordDrillProgressActivity), (_, _) => Task.FromResult(true))
            .AddActivity<Approval, Approval>(nameof(OpenApprovalActivity), (_, approval) =>
            {
                lock (gate)
                {
                    approvals.Add(approval);
                }

                return Task.FromResult(approval);
            })
            .AddActivity<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), (_, r) =>
                Task.FromResult(new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], null)))
            .AddActivity<Notification, bool>(nameof(NotifyActivity), (_, _) => Task.FromResult(true))
            .AddActivity<DrJobRequest, DrJob>(nameof(StartDrJobActivity), (_, request) => Task.FromResult(StartJob(request, now.GetUtcNow())))
            .AddActivity<DrJobRequest, DrJob>(nameof(GetDrJobActivity), (_, request) =>
            {
                lock (gate)
                {
                    return Task.FromResult(jobs[request.Key]);
                }
            })
            .AddActivity<RecoveryCheckRequest, RecoveryCheck>(nameof(CheckRecoveryActivity), (_, request) =>
            {
                Interlocked.Increment(ref recoveryChecks);
                var at = now.GetUtcNow();
                return Task.FromResult(new RecoveryCheck(at, request.Scope.Workloads.Select(id => Unhealthy
                    ? new WorkloadCheck(id, WorkloadState.Unhealthy, null, "application check failing")
                    : new WorkloadCheck(id, WorkloadState.Healthy, at, "healthy")).ToList()));
            })
            .AddActivity<DrScope, PostCheckResult>(nameof(DrillPostCheckActivity), (_, _) => Task.FromResult(new PostCheckResult(
                true, "primary healthy; replicating", null, new DrSiteStatus("site-a", true, null, now.GetUtcNow()),
                new ReplicationStatus(ReplicationState.Replicating, TimeSpan.FromSeconds(20), null, now.GetUtcNow()))))
            .AddActivity<DrillReport, bool>(nameof(FinishDrillActivity), (_, _) => Task.FromResult(true));
    }

    private DrJob StartJob(DrJobRequest request, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!jobs.TryGetValue(request.Key, out var job))
            {
                started.Add(request.Kind);
                TimeSpan? lag = request.Kind == DrJobKind.Failover ? TimeSpan.FromSeconds(1) : null;
                jobs[request.Key] = job = new DrJob(request.Key, request.Kind, DrJobState.Succeeded, at, at, $"{request.Kind} done", lag);
            }

            return job;
        }
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (gate)
        {
            return [.. list];
        }
    }
}
