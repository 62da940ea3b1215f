using Moq;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Workflows.Approvals;
using Qlrf.Security;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Approvals;

public sealed class ApprovalServiceTests : IDisposable
{
    private readonly ManualTimeProvider time = new();
    private readonly TempStore store;
    private readonly List<AuditEvent> audited = [];
    private readonly List<Approval> handedOn = [];
    private readonly HashSet<string> approvers = ["user:bob", "user:carol"];
    private readonly ApprovalService service;

    public ApprovalServiceTests()
    {
        store = new TempStore(time);
        var audit = new Mock<IAuditLog>();
        audit.Setup(a => a.AppendAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>()))
            .Callback<AuditEvent, CancellationToken>((e, _) => audited.Add(e))
            .ReturnsAsync((AuditEntry)null!);
        var access = new Mock<IAccessEvaluator>();
        access.Setup(a => a.ResolveAsync(It.IsAny<Principal>(), It.IsAny<CancellationToken>())).ReturnsAsync((Principal p, CancellationToken _) => p);
        var listener = new Mock<IApprovalListener>();
        listener.Setup(l => l.Handles("rollout")).Returns(true);
        listener.Setup(l => l.ClosedAsync(It.IsAny<Approval>(), It.IsAny<CancellationToken>()))
            .Callback<Approval, CancellationToken>((a, _) => handedOn.Add(a))
            .Returns(Task.CompletedTask);
        service = new ApprovalService(store.Approvals, new GrantsBySubject(approvers), audit.Object, [listener.Object], time);
    }

    public void Dispose() => store.Dispose();

    private static Principal User(string subject) => Principal.User("acme", subject, []);

    private Task<Approval> OpenAsync(int required = 1) => service.OpenAsync(new Approval
    {
        Id = "apr-1",
        Organisation = "acme",
        Kind = "rollout",
        Subject = "ro-1",
        RequestedBy = "user:alice",
        Environments = ["prod"],
        RequiredApprovals = required,
        CreatedAt = time.GetUtcNow(),
        ExpiresAt = time.GetUtcNow().AddHours(24),
    }, default);

    [Fact]
    public async Task An_approval_is_decided_audited_and_handed_to_its_workflow_once()
    {
        await OpenAsync();
        Assert.Equal(1, (await OpenAsync()).ETag);

        var approved = await service.DecideAsync(User("bob"), "apr-1", ApprovalDecisionKind.Approve, "ship it", "api", "req-1", default);

        Assert.Equal(ApprovalStatus.Approved, approved.Status);
        Assert.Equal(approved, Assert.Single(handedOn));
        var entry = Assert.Single(audited);
        Assert.Equal(("user:bob", ApprovalService.DecisionAction, AuditOutcome.Success, "api"), (entry.Actor, entry.Action, entry.Outcome, entry.Source));
        Assert.Equal("ship it", entry.Details["comment"]);
        Assert.Equal(Qlrf.Json.QlrfJson.Serialize(approved), Qlrf.Json.QlrfJson.Serialize(await store.Approvals.GetAsync("acme", "apr-1", default)));
    }

    [Fact]
    public async Task Refusals_map_to_403_409_and_400_and_are_audited_as_denied()
    {
        await OpenAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => service.DecideAsync(User("alice"), "apr-1", ApprovalDecisionKind.Approve, "mine", "api", "r", default));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.DecideAsync(User("mallory"), "apr-1", ApprovalDecisionKind.Approve, "sure", "slack", "r", default));
        var noComment = await Assert.ThrowsAsync<RequestValidationException>(() => service.DecideAsync(User("bob"), "apr-1", ApprovalDecisionKind.Approve, null, "api", "r", default));
        Assert.Equal("comment", noComment.Field);
        await service.DecideAsync(User("bob"), "apr-1", ApprovalDecisionKind.Approve, "ok", "api", "r", default);
        var late = await Assert.ThrowsAsync<ConflictException>(() => service.DecideAsync(User("carol"), "apr-1", ApprovalDecisionKind.Reject, "no", "teams", "r", default));

        Assert.StartsWith("Already decided: approved by user:bob at", late.Message, StringComparison.Ordinal);
        Assert.Equal([AuditOutcome.Denied, AuditOutcome.Denied, AuditOutcome.Denied, AuditOutcome.Success, AuditOutcome.Denied], audited.Select(a => a.Outcome));
        Assert.Single(handedOn);
    }

    [Fact]
    public async Task High_risk_stays_open_until_the_second_approver()
    {
        await OpenAsync(required: 2);

        Assert.True((await service.DecideAsync(User("bob"), "apr-1", ApprovalDecisionKind.Approve, "ok", "api", "r", default)).IsOpen);
        Assert.Empty(handedOn);
        Assert.Equal(ApprovalStatus.Approved, (await service.DecideAsync(User("carol"), "apr-1", ApprovalDecisionKind.Approve, "ok", "slack", "r", default)).Status);
        Assert.Single(handedOn);
    }

    [Fact]
    public async Task Expiry_closes_an_open_approval_and_leaves_a_decided_one()
    {
        await OpenAsync();
        time.Advance(TimeSpan.FromHours(24));

        Assert.Equal(ApprovalStatus.Expired, (await service.ExpireAsync("acme", "apr-1", default)).Status);
        await Assert.ThrowsAsync<ConflictException>(() => service.DecideAsync(User("bob"), "apr-1", ApprovalDecisionKind.Approve, "late", "api", "r", default));
        await Assert.ThrowsAsync<NotFoundException>(() => service.DecideAsync(Principal.User("globex", "bob", []), "apr-1", ApprovalDecisionKind.Approve, "x", "api", "r", default));
    }

    /// <summary>Approvers are the listed subjects; everyone else holds no grant.</summary>
    private sealed class GrantsBySubject(HashSet<string> approvers) : IAccessEvaluator
    {
        public Task<Principal> ResolveAsync(Principal principal, CancellationToken cancellationToken) =>
            Task.FromResult(approvers.Contains(principal.Actor)
                ? principal with { Grants = [new RoleGrant(Role.Engineer, RoleScope.Organisation)] }
                : principal);

        public Task<bool> HasPermissionAsync(Principal principal, Permission permission, AccessScope scope, CancellationToken cancellationToken) =>
            Task.FromResult(approvers.Contains(principal.Actor));
    }
}
