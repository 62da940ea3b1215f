using Qlrf.Approvals;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Control;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Orchestration;

public sealed class ApprovalGateTests
{
    private static Approval Pending(FakeOrchestrationContext context) => new()
    {
        Id = context.InstanceId + ":approval",
        Organisation = "acme",
        Kind = "rollout",
        Subject = context.InstanceId,
        RequestedBy = "user:alice",
        Environments = ["prod"],
        RequiredApprovals = 1,
        CreatedAt = context.CurrentUtcDateTime,
        ExpiresAt = context.CurrentUtcDateTime.AddHours(24),
    };

    [Fact]
    public async Task A_decision_before_the_timer_wins_and_cancels_the_timer()
    {
        var context = new FakeOrchestrationContext().On<Approval, Approval>(nameof(OpenApprovalActivity), a => a);
        var wait = ApprovalGate.RequestAsync(context, Pending(context));
        Assert.False(wait.IsCompleted);
        Assert.Equal(1, context.OpenTimers);

        context.RaiseEvent(ApprovalEvents.ApprovalClosed, new ApprovalOutcome("instance-1:approval", ApprovalStatus.Approved, [], DateTimeOffset.UnixEpoch));
        var outcome = await wait;

        Assert.True(outcome.Approved);
        Assert.Equal(0, context.OpenTimers);
        Assert.DoesNotContain(context.Calls, c => c.Name == nameof(ExpireApprovalActivity));
    }

    [Fact]
    public async Task When_the_timer_wins_the_approval_is_expired_by_an_activity()
    {
        var context = new FakeOrchestrationContext()
            .On<Approval, Approval>(nameof(OpenApprovalActivity), a => a)
            .On<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), r => new ApprovalOutcome(r.ApprovalId, ApprovalStatus.Expired, [], DateTimeOffset.UnixEpoch));
        var wait = ApprovalGate.RequestAsync(context, Pending(context));

        context.Advance(TimeSpan.FromHours(23));
        Assert.False(wait.IsCompleted);
        context.Advance(TimeSpan.FromHours(1));

        Assert.Equal(ApprovalStatus.Expired, (await wait).Status);
        Assert.Equal(nameof(ExpireApprovalActivity), context.Calls[^1].Name);
    }

    [Fact]
    public async Task An_approval_already_closed_when_reopened_is_answered_at_once()
    {
        var context = new FakeOrchestrationContext().On<Approval, Approval>(nameof(OpenApprovalActivity), a => a with { Status = ApprovalStatus.Rejected });

        Assert.Equal(ApprovalStatus.Rejected, (await ApprovalGate.RequestAsync(context, Pending(context))).Status);
        Assert.Equal(0, context.OpenTimers);
    }

    [Fact]
    public async Task Pause_holds_at_the_checkpoint_until_resume_and_cancel_stops()
    {
        var context = new FakeOrchestrationContext();
        using var control = new OrchestrationControl(context);
        Assert.True(await control.CheckpointAsync());

        context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Pause, "user:bob"));
        var paused = new List<ControlSignal>();
        var checkpoint = control.CheckpointAsync(paused.Add);
        Assert.False(checkpoint.IsCompleted);
        Assert.Single(paused);

        context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Resume, "user:bob"));
        Assert.True(await checkpoint);

        context.RaiseEvent(ControlEvents.Control, new ControlSignal(ControlAction.Cancel, "user:carol", "wrong target", Rollback: true));
        Assert.False(await control.CheckpointAsync());
        Assert.Equal(("user:carol", true), (control.Cancelled!.Actor, control.Cancelled.Rollback));
        Assert.Equal([ControlAction.Pause, ControlAction.Resume, ControlAction.Cancel], control.Applied.Select(s => s.Action));
    }
}
