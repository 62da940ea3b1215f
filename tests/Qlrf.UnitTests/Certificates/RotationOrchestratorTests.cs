using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Notifications;
using Qlrf.UnitTests.Support;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Notifications;
using static Qlrf.UnitTests.Certificates.CertificateFixtures;

namespace Qlrf.UnitTests.Certificates;

/// <summary>The rotation orchestrator on the hand-driven context, with its activities faked over in-memory endpoints.</summary>
public sealed class RotationOrchestratorTests
{
    private const string Old = "AA11";
    private const string New = "BB22";

    private readonly Dictionary<string, string> served = new(StringComparer.Ordinal);
    private readonly HashSet<string> stale = new(StringComparer.Ordinal);
    private readonly List<string> deployments = [];
    private readonly List<string> restored = [];
    private readonly List<RotationStatusChange> statuses = [];
    private readonly List<Approval> approvals = [];
    private readonly List<Notification> notifications = [];
    private readonly FakeOrchestrationContext context;

    public RotationOrchestratorTests()
    {
        var usages = new[] { "d1:443", "d2:443", "p1:443" }.Select(t => new CertificateUsage("sandbox:web", UsageKind.Endpoint, t, t.StartsWith('d') ? "dev" : "prod", "thumbprint")).ToList();
        foreach (var usage in usages)
        {
            served[usage.Target] = Old;
        }

        var plan = RotationPlanner.Plan(Cert(thumbprint: Old), new RotationRequest("sandbox:web", "alice"), usages, 3, (0, 0), new RotationPolicy()) with
        {
            Waves = [[usages[0], usages[1]], [usages[2]]],
        };
        context = new FakeOrchestrationContext("rot-1")
            .On<RotationInput, RotationPlan>(nameof(PlanRotationActivity), _ => plan)
            .On<RotationInput, CertificateRotationHeader>(nameof(ReadRotationActivity), _ => new CertificateRotationHeader("sandbox:web", "user:alice"))
            .On<RotationStatusChange, bool>(nameof(SetRotationStatusActivity), c => { statuses.Add(c); return true; })
            .On<Notification, bool>(nameof(NotifyActivity), n => { notifications.Add(n); return true; })
            .On<Approval, Approval>(nameof(OpenApprovalActivity), a => { approvals.Add(a); return a; })
            .On<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), r => new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], null))
            .On<RotationInput, IssuedVersion>(nameof(IssueVersionActivity), _ => new IssuedVersion(New, New, T0.AddDays(90)))
            .On<DeployUsageInput, bool>(nameof(DeployUsageActivity), d =>
            {
                deployments.Add($"{d.Usage.Target}={d.Thumbprint}");
                if (!stale.Contains(d.Usage.Target))
                {
                    served[d.Usage.Target] = d.Thumbprint;
                }

                return true;
            })
            .On<ValidateEndpointInput, string?>(nameof(ValidateEndpointActivity), v => served[v.Target] == v.ExpectedThumbprint ? null : $"served {served[v.Target]}")
            .On<RestoreVersionInput, bool>(nameof(RestoreVersionActivity), r => { restored.Add(r.Thumbprint); return true; })
            .On<RotationInput, int>(nameof(SweepCertificateSourceActivity), _ => 0);
    }

    private Task<RotationOutcome> Start() => new CertificateRotationOrchestrator().RunAsync(context, new RotationInput("acme", "rot-1", TimeSpan.FromHours(24)));

    private void Decide(ApprovalStatus status) =>
        context.RaiseEvent(ApprovalEvents.ApprovalClosed, new ApprovalOutcome(approvals[^1].Id, status, [new ApprovalDecision("user:bob", status == ApprovalStatus.Approved ? ApprovalDecisionKind.Approve : ApprovalDecisionKind.Reject, "ok", "api", T0)], context.CurrentUtcDateTime));

    [Fact]
    public async Task Nothing_is_issued_or_deployed_before_approval_and_an_approved_rotation_deploys_wave_by_wave_and_validates()
    {
        var run = Start();

        Assert.False(run.IsCompleted);
        Assert.Equal(RotationStatus.AwaitingApproval, statuses[^1].Status);
        Assert.Equal(("certificate-rotation", "user:alice"), (approvals[0].Kind, approvals[0].RequestedBy));
        Assert.Equal(["dev", "prod"], approvals[0].Environments);
        Assert.Empty(deployments);
        Assert.Contains(notifications, n => n.Event == NotificationEvent.AwaitingApproval && n.Approval is not null);

        Decide(ApprovalStatus.Approved);
        var outcome = await run;

        Assert.Equal(RotationStatus.Succeeded, outcome.Status);
        Assert.Equal(["d1:443=BB22", "d2:443=BB22", "p1:443=BB22"], deployments);
        Assert.All(served.Values, t => Assert.Equal(New, t));
        Assert.Equal((3, 3, 2), (outcome.Progress.Deployed, outcome.Progress.Validated, outcome.Progress.Waves));
        Assert.True(statuses[^1].Final);
        Assert.Equal(0, context.OpenTimers);
        Assert.Empty(restored);
    }

    [Fact]
    public async Task A_rejected_rotation_changes_nothing()
    {
        var run = Start();
        Decide(ApprovalStatus.Rejected);
        var outcome = await run;

        Assert.Equal(RotationStatus.Rejected, outcome.Status);
        Assert.Empty(deployments);
        Assert.DoesNotContain(context.Calls, c => c.Name == nameof(IssueVersionActivity));
    }

    [Fact]
    public async Task An_expired_approval_changes_nothing()
    {
        var run = Start();
        context.Advance(TimeSpan.FromHours(25));
        var outcome = await run;

        Assert.Equal(RotationStatus.Expired, outcome.Status);
        Assert.Empty(deployments);
    }

    [Fact]
    public async Task A_failed_validation_rolls_every_deployed_usage_back_in_reverse_order()
    {
        stale.Add("p1:443");
        var run = Start();
        Decide(ApprovalStatus.Approved);
        for (var i = 0; i < 5 && !run.IsCompleted; i++)
        {
            context.Advance(TimeSpan.FromSeconds(1));
        }

        var outcome = await run;

        Assert.Equal(RotationStatus.RolledBack, outcome.Status);
        Assert.Contains("validation of p1:443 failed: served AA11", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(["d1:443=BB22", "d2:443=BB22", "p1:443=BB22", "p1:443=AA11", "d2:443=AA11", "d1:443=AA11"], deployments);
        Assert.All(served.Values, t => Assert.Equal(Old, t));
        Assert.Equal(3, context.Calls.Count(c => c.Name == nameof(ValidateEndpointActivity) && c.Input!.Contains("p1:443", StringComparison.Ordinal)));
        Assert.Equal([Old], restored);
        var names = context.Calls.Select(c => c.Name).ToList();
        Assert.True(names.LastIndexOf(nameof(DeployUsageActivity)) < names.IndexOf(nameof(RestoreVersionActivity)), "the store's version is restored after the usages");
        Assert.True(names.IndexOf(nameof(RestoreVersionActivity)) < names.LastIndexOf(nameof(SweepCertificateSourceActivity)), "and before the sweep that records it");
    }

    [Fact]
    public async Task A_paused_rotation_deploys_nothing_until_resumed_and_cancelling_it_ends_it()
    {
        var run = Start();
        context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Pause, "user:carol"));
        Decide(ApprovalStatus.Approved);

        Assert.False(run.IsCompleted);
        Assert.Contains("paused before wave 1", context.CustomStatuses[^1], StringComparison.Ordinal);
        context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Cancel, "user:carol"));
        var outcome = await run;

        Assert.Equal(RotationStatus.Cancelled, outcome.Status);
        Assert.Empty(deployments);
    }
}
