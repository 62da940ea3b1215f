using Qlrf.Approvals;
using Qlrf.Durable.Tests.Support;
using Qlrf.Workflows.Approvals;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Workflows;

/// <summary>The shared approval gate on the embedded runtime: a decision that beats the timer lets the workflow go straight on.</summary>
public sealed class ApprovalGateOnRuntimeTests
{
    [Fact]
    public async Task A_decision_before_the_timer_lets_the_workflow_go_on_in_the_same_step()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddActivity<Approval, Approval>(nameof(OpenApprovalActivity), (_, a) => Task.FromResult(a))
            .AddActivity<ApprovalRef, ApprovalOutcome>(nameof(ExpireApprovalActivity), (_, a) => Task.FromResult(new ApprovalOutcome(a.ApprovalId, ApprovalStatus.Expired, [], null)))
            .AddActivity<string, string>("After", (_, s) => Task.FromResult(s + " then on"))
            .AddOrchestrator<object?, string>("Gated", async (ctx, _) =>
            {
                var outcome = await ApprovalGate.RequestAsync(ctx, new Approval
                {
                    Id = ctx.InstanceId + ":approval",
                    Organisation = "acme",
                    Kind = "rollout",
                    Subject = ctx.InstanceId,
                    RequestedBy = "user:alice",
                    Environments = ["dev"],
                    RequiredApprovals = 1,
                    CreatedAt = ctx.CurrentUtcDateTime,
                    ExpiresAt = ctx.CurrentUtcDateTime.AddDays(1),
                });
                return await ctx.CallActivityAsync<string>("After", outcome.Status.ToString());
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Gated");
        await DurableHost.UntilAsync(() => Probe.History(host, id).Any(e => e.Kind == HistoryEventKind.TimerCreated), "the gate to wait");

        await host.Client.RaiseEventAsync(id, ApprovalEvents.ApprovalClosed, new ApprovalOutcome(id + ":approval", ApprovalStatus.Approved, [], null));
        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("Approved then on", state.ReadOutputAs<string>());
    }
}
