using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Notifications;
using Qlrf.Secrets;
using Qlrf.UnitTests.Support;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Notifications;
using Qlrf.Workflows.Secrets;

namespace Qlrf.UnitTests.Secrets;

/// <summary>The secret rotation orchestrator on the hand-driven context, its activities faked over an in-memory store and workloads.</summary>
public sealed class SecretRotationOrchestratorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string> loaded = new(StringComparer.Ordinal);
    private readonly HashSet<string> rejectsNewValues = new(StringComparer.Ordinal);
    private readonly List<string> actions = [];
    private readonly List<SecretRotationStatusChange> statuses = [];
    private readonly List<Approval> approvals = [];
    private readonly List<Notification> notifications = [];
    private readonly FakeOrchestrationContext context;
    private string current = "v1";

    public SecretRotationOrchestratorTests()
    {
        var secret = new Secret
        {
            Id = "sandbox:db", Organisation = "acme", Store = "sandbox", StoreKind = SecretStoreKinds.Sandbox, Name = "db", Environment = "prod", Version = "v1",
            Workloads = ["w-dev", "w-prod-1", "w-prod-2"],
        };
        var usages = secret.Workloads.Select(w => new SecretUsage(secret.Id, w, w == "w-dev" ? "dev" : "prod", new ConnectivityCheck(ConnectivityCheck.Tcp, w + ":5432"))).ToList();
        foreach (var usage in usages)
        {
            loaded[usage.Workload] = "v1";
        }

        var plan = SecretRotationPlanner.Plan(secret, usages, 3, (0, 0), new RotationPolicy()) with { Waves = [[usages[0]], [usages[1], usages[2]]] };
        context = new FakeOrchestrationContext("srot-1")
            .On<SecretRotationInput, SecretRotationPlan>(nameof(PlanSecretRotationActivity), _ => plan)
            .On<SecretRotationInput, SecretRotationHeader>(nameof(ReadSecretRotationActivity), _ => new SecretRotationHeader("sandbox:db", "user:alice"))
            .On<SecretRotationStatusChange, bool>(nameof(SetSecretRotationStatusActivity), c => { statuses.Add(c); return true; })
            .On<Notification, bool>(nameof(NotifyActivity), n => { notifications.Add(n); return true; })
            .On<Approval, Approval>(nameof(OpenApprovalActivity), a => { approvals.Add(a); return a; })
            .On<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), r => new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], null))
            .On<SecretRotationInput, string>(nameof(AddSecretVersionActivity), _ =>
            {
                actions.Add("add v2");
                current = "v2";
                return "v2";
            })
            .On<RestoreSecretVersionInput, bool>(nameof(RestoreSecretVersionActivity), r =>
            {
                actions.Add("restore " + r.Version);
                current = r.Version;
                return true;
            })
            .On<RestartWorkloadInput, bool>(nameof(RestartWorkloadActivity), r =>
            {
                actions.Add($"restart {r.Usage.Workload} {r.Version}");
                loaded[r.Usage.Workload] = r.Version;
                return true;
            })
            .On<ConnectivityCheck, string?>(nameof(CheckWorkloadActivity), c =>
            {
                var workload = c.Target[..c.Target.IndexOf(':', StringComparison.Ordinal)];
                actions.Add("check " + workload);
                return rejectsNewValues.Contains(workload) && loaded[workload] != "v1" ? "connection refused" : null;
            })
            .On<SecretRotationInput, int>(nameof(SweepSecretSourceActivity), _ => 0);
    }

    private Task<SecretRotationOutcome> Start() => new SecretRotationOrchestrator().RunAsync(context, new SecretRotationInput("acme", "srot-1", TimeSpan.FromHours(24)));

    private void Decide(ApprovalStatus status) =>
        context.RaiseEvent(ApprovalEvents.ApprovalClosed, new ApprovalOutcome(approvals[^1].Id, status, [new ApprovalDecision("user:bob", status == ApprovalStatus.Approved ? ApprovalDecisionKind.Approve : ApprovalDecisionKind.Reject, "ok", "api", T0)], context.CurrentUtcDateTime));

    [Fact]
    public async Task Nothing_changes_before_approval_and_an_approved_rotation_adds_a_version_then_restarts_and_checks_wave_by_wave()
    {
        var run = Start();

        Assert.False(run.IsCompleted);
        Assert.Equal(RotationStatus.AwaitingApproval, statuses[^1].Status);
        Assert.Equal(("secret-rotation", "user:alice"), (approvals[0].Kind, approvals[0].RequestedBy));
        Assert.Equal(["dev", "prod"], approvals[0].Environments);
        Assert.Empty(actions);
        Assert.Contains(notifications, n => n.Event == NotificationEvent.AwaitingApproval && n.Approval is not null);

        Decide(ApprovalStatus.Approved);
        var outcome = await run;

        Assert.Equal(RotationStatus.Succeeded, outcome.Status);
        Assert.Equal(
            ["add v2", "restart w-dev v2", "check w-dev", "restart w-prod-1 v2", "restart w-prod-2 v2", "check w-prod-1", "check w-prod-2"],
            actions);
        Assert.Equal("v2", current);
        Assert.Equal((3, 3, "v2"), (outcome.Progress.Restarted, outcome.Progress.Checked, outcome.Progress.NewVersion));
        Assert.Contains(statuses, s => s.NewVersion == "v2");
        Assert.True(statuses[^1].Final);
    }

    [Fact]
    public async Task A_rejected_rotation_changes_nothing()
    {
        var run = Start();
        Decide(ApprovalStatus.Rejected);
        var outcome = await run;

        Assert.Equal(RotationStatus.Rejected, outcome.Status);
        Assert.Empty(actions);
        Assert.Equal("v1", current);
        Assert.Contains(notifications, n => n.Event == NotificationEvent.Rejected);
    }

    [Fact]
    public async Task A_failed_check_rolls_every_workload_back_newest_first_and_restores_the_previous_version_last()
    {
        rejectsNewValues.Add("w-prod-2");
        var run = Start();
        Decide(ApprovalStatus.Approved);
        for (var tick = 0; tick < 20 && !run.IsCompleted; tick++)
        {
            // The check is tried again after a pause: let the pauses pass.
            context.Advance(TimeSpan.FromSeconds(1));
        }

        var outcome = await run;

        Assert.Equal(RotationStatus.RolledBack, outcome.Status);
        Assert.Contains("check of w-prod-2 failed: connection refused", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(
            ["restart w-prod-2 v1", "restart w-prod-1 v1", "restart w-dev v1", "restore v1"],
            actions.SkipWhile(a => a != "check w-prod-2").Skip(1).Where(a => !a.StartsWith("check", StringComparison.Ordinal)));
        Assert.Equal("v1", current);
        Assert.All(loaded.Values, v => Assert.Equal("v1", v));
        Assert.Contains(statuses.SelectMany(s => s.Steps ?? []), s => s is { Action: "checked", Succeeded: false, Target: "w-prod-2" });
        Assert.Equal(4, statuses.SelectMany(s => s.Steps ?? []).Count(s => s is { Action: "rolled back", Succeeded: true }));
    }

    [Fact]
    public void Planning_orders_waves_least_critical_first_and_needs_approval_unless_every_environment_runs_unattended()
    {
        var secret = new Secret { Id = "sandbox:db", Organisation = "acme", Store = "sandbox", StoreKind = SecretStoreKinds.Sandbox, Name = "db", Environment = "prod", Version = "v1" };
        SecretUsage Usage(string workload, string environment) => new(secret.Id, workload, environment, null);
        var usages = new[] { Usage("p1", "prod"), Usage("d1", "dev"), Usage("s1", "staging") };

        var plan = SecretRotationPlanner.Plan(secret, usages, 10, (0, 0), new RotationPolicy());
        var unattended = SecretRotationPlanner.Plan(secret, usages, 10, (0, 0), new RotationPolicy { UnattendedEnvironments = ["dev", "staging", "prod"] });
        var partly = SecretRotationPlanner.Plan(secret, usages, 10, (0, 0), new RotationPolicy { UnattendedEnvironments = ["dev", "staging"] });

        Assert.Equal(["d1", "s1", "p1"], plan.Waves.SelectMany(w => w).Select(u => u.Workload));
        Assert.Equal(["dev", "prod", "staging"], plan.Environments);
        Assert.Equal("v1", plan.CurrentVersion);
        Assert.True(plan.RequiredApprovals >= 1);
        Assert.False(plan.AutoApproved);
        Assert.True(unattended.AutoApproved);
        Assert.False(partly.AutoApproved);
    }
}
