using Qlrf.Approvals;

namespace Qlrf.UnitTests.Approvals;

public sealed class ApprovalRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static Approval Pending(int required = 1) => new()
    {
        Id = "apr-1",
        Organisation = "acme",
        Kind = "rollout",
        Subject = "ro-1",
        RequestedBy = "alice",
        Environments = ["prod"],
        RequiredApprovals = required,
        CreatedAt = T0,
        ExpiresAt = T0.AddHours(24),
    };

    [Fact]
    public void One_eligible_approval_approves_a_normal_change()
    {
        var result = ApprovalRules.Decide(Pending(), "bob", ApprovalDecisionKind.Approve, "looks good", "api", mayApprove: true, T0.AddMinutes(5));

        Assert.Equal(ApprovalStatus.Approved, result.Approval!.Status);
        Assert.Equal(T0.AddMinutes(5), result.Approval.ClosedAt);
        Assert.Equal(new ApprovalDecision("bob", ApprovalDecisionKind.Approve, "looks good", "api", T0.AddMinutes(5)), Assert.Single(result.Approval.Decisions));
    }

    [Fact]
    public void High_risk_needs_distinct_approvers_and_the_same_person_twice_does_not_count()
    {
        var first = ApprovalRules.Decide(Pending(required: 2), "bob", ApprovalDecisionKind.Approve, "ok", "slack", true, T0).Approval!;
        Assert.Equal(ApprovalStatus.Pending, first.Status);

        var again = ApprovalRules.Decide(first, "bob", ApprovalDecisionKind.Approve, "ok again", "teams", true, T0);
        Assert.Equal(ApprovalRefusal.Closed, again.Refusal);

        var second = ApprovalRules.Decide(first, "carol", ApprovalDecisionKind.Approve, "agreed", "teams", true, T0.AddMinutes(1)).Approval!;
        Assert.Equal(ApprovalStatus.Approved, second.Status);
    }

    [Fact]
    public void One_rejection_decides()
    {
        var first = ApprovalRules.Decide(Pending(required: 2), "bob", ApprovalDecisionKind.Approve, "ok", "api", true, T0).Approval!;

        var rejected = ApprovalRules.Decide(first, "carol", ApprovalDecisionKind.Reject, "not during the sale", "api", true, T0).Approval!;

        Assert.Equal(ApprovalStatus.Rejected, rejected.Status);
    }

    [Fact]
    public void The_requester_cannot_approve_their_own_change_but_may_withdraw_it_by_rejecting()
    {
        var self = ApprovalRules.Decide(Pending(), "alice", ApprovalDecisionKind.Approve, "mine", "api", mayApprove: true, T0);
        Assert.Equal(ApprovalRefusal.Forbidden, self.Refusal);

        Assert.Equal(ApprovalStatus.Rejected, ApprovalRules.Decide(Pending(), "alice", ApprovalDecisionKind.Reject, "wrong target", "api", mayApprove: false, T0).Approval!.Status);
    }

    [Fact]
    public void Someone_without_approve_tasks_in_scope_is_refused()
    {
        var result = ApprovalRules.Decide(Pending(), "eve", ApprovalDecisionKind.Approve, "sure", "api", mayApprove: false, T0);

        Assert.Equal(ApprovalRefusal.Forbidden, result.Refusal);
        Assert.Contains("approve:tasks in prod", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_needs_a_comment() =>
        Assert.Equal(ApprovalRefusal.CommentRequired, ApprovalRules.Decide(Pending(), "bob", ApprovalDecisionKind.Approve, "  ", "api", true, T0).Refusal);

    [Fact]
    public void A_second_decision_on_a_closed_approval_says_who_decided_and_when()
    {
        var approved = ApprovalRules.Decide(Pending(), "bob", ApprovalDecisionKind.Approve, "ok", "api", true, T0.AddMinutes(3)).Approval!;

        var late = ApprovalRules.Decide(approved, "carol", ApprovalDecisionKind.Reject, "wait", "slack", true, T0.AddMinutes(4));

        Assert.Equal(ApprovalRefusal.Closed, late.Refusal);
        Assert.Equal("Already decided: approved by bob at 2026-11-22 10:03:00Z.", late.Reason);
    }

    [Fact]
    public void After_expiry_nothing_is_decided()
    {
        var late = ApprovalRules.Decide(Pending(), "bob", ApprovalDecisionKind.Approve, "ok", "api", true, T0.AddHours(24));
        Assert.Equal(ApprovalRefusal.Closed, late.Refusal);

        var expired = ApprovalRules.Expire(Pending(), T0.AddHours(24));
        Assert.Equal(ApprovalStatus.Expired, expired.Status);
        Assert.StartsWith("Already closed: the approval expired", ApprovalRules.Closed(expired), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Low", 2, 1)]
    [InlineData("Medium", 2, 1)]
    [InlineData("High", 2, 2)]
    [InlineData("Critical", 3, 3)]
    public void High_and_critical_risk_need_the_configured_number_of_approvers(string risk, int configured, int expected) =>
        Assert.Equal(expected, ApprovalRules.RequiredFor(risk, configured));
}
