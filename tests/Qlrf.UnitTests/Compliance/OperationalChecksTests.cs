using Moq;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Certificates;
using Qlrf.Compliance.Checks;
using Qlrf.Discovery;
using Qlrf.Dr;
using Qlrf.Paging;
using Qlrf.Rollouts;
using Qlrf.UnitTests.Audit;
using static Qlrf.UnitTests.Compliance.ComplianceFixtures;

namespace Qlrf.UnitTests.Compliance;

/// <summary>The checks of DR pairs, production changes, the audit chain, certificates and discovery: pass, fail with the reason, or no evidence.</summary>
public sealed class OperationalChecksTests
{
    private static DrPair Pair(string id = "orders-db") => new()
    {
        Organisation = "acme",
        Id = id,
        Name = "Orders",
        PrimarySite = "eu-west",
        RecoverySite = "eu-north",
        Environment = "prod",
        Workloads = new DrWorkloads { AssetIds = ["a1"] },
        Replication = ReplicationKind.Asynchronous,
        RtoTarget = TimeSpan.FromMinutes(15),
        RpoTarget = TimeSpan.FromMinutes(5),
        CreatedAt = Now.AddDays(-300),
        CreatedBy = "user:alice",
    };

    [Fact]
    public void A_pair_passes_with_a_recent_passed_drill_within_its_targets_and_fails_otherwise_with_why()
    {
        LastDrill Last(DrillOutcome outcome, int daysAgo, int rtoMinutes = 10, int rpoMinutes = 2) =>
            new("dr-1", DrillKind.TestFailover, outcome, Now.AddDays(-daysAgo), TimeSpan.FromMinutes(rtoMinutes), TimeSpan.FromMinutes(rpoMinutes));

        Assert.True(DrDrillCheck.Judge(Pair(), Last(DrillOutcome.Passed, 10), Now, 90).Passed);
        Assert.Equal((false, "never drilled"), DrDrillCheck.Judge(Pair(), null, Now, 90));
        Assert.Contains("older than 90 days", DrDrillCheck.Judge(Pair(), Last(DrillOutcome.Passed, 100), Now, 90).Reason, StringComparison.Ordinal);
        Assert.Contains("failed", DrDrillCheck.Judge(Pair(), Last(DrillOutcome.Failed, 1), Now, 90).Reason, StringComparison.Ordinal);
        Assert.Contains("RTO 00:20:00 against a target of 00:15:00", DrDrillCheck.Judge(Pair(), Last(DrillOutcome.Passed, 1, rtoMinutes: 20), Now, 90).Reason, StringComparison.Ordinal);
        Assert.Contains("RPO 00:06:00 against a target of 00:05:00", DrDrillCheck.Judge(Pair(), Last(DrillOutcome.Passed, 1, rpoMinutes: 6), Now, 90).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_pair_is_an_object_in_its_environment_and_an_organisation_without_pairs_has_none()
    {
        var pairs = new Mock<IDrPairStore>();
        var drills = new Mock<IDrillStore>();
        pairs.Setup(p => p.ListAsync("acme", It.IsAny<int>(), null, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<DrPair>([Pair("a"), Pair("b")], null));
        pairs.Setup(p => p.ListAsync("empty", It.IsAny<int>(), null, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<DrPair>([], null));
        var check = new DrDrillCheck(pairs.Object, drills.Object);

        var results = await check.EvaluateAsync(Context(check), default);

        Assert.Equal([("a", false, "prod", "eu-west"), ("b", false, "prod", "eu-west")], results.Select(r => (r.ObjectId, r.Passed, r.Environment, r.Site)));
        Assert.Empty(await check.EvaluateAsync(Context(check) with { Organisation = "empty" }, default));
    }

    private static Approval Approval(ApprovalStatus status, params string[] approvers) => new()
    {
        Id = "ap-1",
        Organisation = "acme",
        Kind = "rollout",
        Subject = "ro-1",
        RequestedBy = "user:alice",
        Environments = ["prod"],
        RequiredApprovals = 1,
        CreatedAt = Now,
        ExpiresAt = Now.AddDays(1),
        Status = status,
        Decisions = approvers.Select(a => new ApprovalDecision(a, ApprovalDecisionKind.Approve, "ok", "api", Now)).ToList(),
    };

    [Fact]
    public void A_change_passes_only_when_someone_other_than_its_requester_approved_it()
    {
        Assert.Equal((true, "requested by user:alice, approved by user:bob"), ChangeApprovalCheck.Judge("user:alice", [Approval(ApprovalStatus.Approved, "user:bob")]));
        Assert.Equal((false, "requested by user:alice and approved only by the requester"), ChangeApprovalCheck.Judge("user:alice", [Approval(ApprovalStatus.Approved, "user:alice")]));
        Assert.Equal((false, "requested by user:alice and ran without an approval"), ChangeApprovalCheck.Judge("user:alice", []));
        Assert.False(ChangeApprovalCheck.Judge("user:alice", [Approval(ApprovalStatus.Expired, "user:bob")]).Passed);
    }

    private static Rollout Rollout(string id, string env, DateTimeOffset created, bool started) => new()
    {
        Id = id,
        Organisation = "acme",
        RequestedBy = "user:alice",
        CreatedAt = created,
        Request = new RolloutRequest { Target = new RolloutTarget { ImageFamily = "web", ImageVersion = "2" } },
        Environments = [env],
        StartedAt = started ? created.AddMinutes(5) : null,
    };

    [Fact]
    public async Task Only_production_changes_that_ran_within_the_lookback_are_judged()
    {
        var rollouts = new Mock<IRolloutStore>();
        rollouts.Setup(r => r.ListAsync("acme", It.IsAny<RolloutFilter>(), It.IsAny<int>(), null, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<Rollout>(
        [
            Rollout("ro-prod", "prod", Now.AddDays(-1), started: true),
            Rollout("ro-dev", "dev", Now.AddDays(-2), started: true),
            Rollout("ro-rejected", "production", Now.AddDays(-3), started: false),
            Rollout("ro-old", "prod", Now.AddDays(-200), started: true),
        ], null));
        var approvals = new Mock<IApprovalStore>();
        approvals.Setup(a => a.ListBySubjectAsync("acme", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var check = new ChangeApprovalCheck(rollouts.Object, approvals.Object);

        var result = Assert.Single(await check.EvaluateAsync(Context(check), default));

        Assert.Equal(("change", "ro-prod", false, "prod"), (result.ObjectKind, result.ObjectId, result.Passed, result.Environment));
    }

    [Fact]
    public async Task The_audit_chain_passes_when_it_verifies_fails_where_it_breaks_and_an_empty_log_is_no_evidence()
    {
        var entries = AuditChainTests.Chain(3);
        var head = new AuditHead(entries[^1].Sequence, entries[^1].Hash);
        var reader = new Mock<IAuditReader>();
        reader.Setup(r => r.GetHeadAsync("acme", It.IsAny<CancellationToken>())).ReturnsAsync(head);
        reader.Setup(r => r.QueryAsync("acme", It.IsAny<AuditFilter>(), AuditOrder.OldestFirst, It.IsAny<int>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new Page<AuditEntry>(entries, null));
        reader.Setup(r => r.QueryAsync("empty", It.IsAny<AuditFilter>(), AuditOrder.OldestFirst, It.IsAny<int>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<AuditEntry>([], null));
        var check = new AuditChainCheck(reader.Object);

        var verified = Assert.Single(await check.EvaluateAsync(Context(check), default));
        Assert.Equal(("organisation", "acme", true), (verified.ObjectKind, verified.ObjectId, verified.Passed));

        entries[1] = entries[1] with { Actor = "user:mallory" };
        var broken = Assert.Single(await check.EvaluateAsync(Context(check), default));
        Assert.False(broken.Passed);
        Assert.Contains("breaks at entry 2", broken.Reason, StringComparison.Ordinal);

        Assert.Empty(await check.EvaluateAsync(Context(check) with { Organisation = "empty" }, default));
    }

    private static Certificate Certificate(string id, int daysLeft, bool enabled = true) => new()
    {
        Id = id,
        Organisation = "acme",
        Store = "sandbox",
        StoreKind = CertificateStoreKinds.Sandbox,
        Name = id,
        Environment = "prod",
        Subject = "CN=" + id,
        Issuer = "CN=QL-RF Sandbox CA",
        Thumbprint = "AB",
        SerialNumber = "01",
        NotBefore = Now.AddDays(-300),
        NotAfter = Now.AddDays(daysLeft),
        Enabled = enabled,
    };

    [Fact]
    public async Task A_certificate_expiring_within_the_days_or_expired_fails_and_a_disabled_one_is_left_out()
    {
        var store = new Mock<ICertificateStore>();
        store.Setup(s => s.ListAllAsync("acme", It.IsAny<CancellationToken>())).ReturnsAsync(
            [Certificate("long", 200), Certificate("soon", 10), Certificate("gone", -1), Certificate("off", 1, enabled: false)]);
        var check = new CertificateExpiryCheck(store.Object);

        var results = await check.EvaluateAsync(Context(check), default);

        Assert.Equal([("long", true), ("soon", false), ("gone", false)], results.Select(r => (r.ObjectId, r.Passed)));
        Assert.Contains("in 10 days (fewer than 30)", results[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("expired on", results[2].Reason, StringComparison.Ordinal);
        Assert.True(Assert.Single(await check.EvaluateAsync(Context(check, ("withinDays", "5")), default), r => r.ObjectId == "soon").Passed);
    }

    private static SweepRun Run(string source, DateTimeOffset finished, SweepStatus status) => new()
    {
        Id = "run-" + source,
        Organisation = "acme",
        Source = source,
        Trigger = SweepTrigger.Schedule,
        StartedAt = finished.AddMinutes(-1),
        FinishedAt = finished,
        Status = status,
    };

    [Fact]
    public async Task Each_source_needs_a_recent_successful_sweep()
    {
        var discovery = new Mock<IDiscoveryStore>();
        discovery.Setup(d => d.LatestRunsAsync("acme", It.IsAny<CancellationToken>())).ReturnsAsync(
            [Run("fresh", Now.AddHours(-1), SweepStatus.Succeeded), Run("stale", Now.AddHours(-1), SweepStatus.Failed), Run("never", Now, SweepStatus.Failed)]);
        discovery.Setup(d => d.LatestSucceededRunsAsync("acme", It.IsAny<CancellationToken>())).ReturnsAsync(
            [Run("fresh", Now.AddHours(-1), SweepStatus.Succeeded), Run("stale", Now.AddHours(-30), SweepStatus.Succeeded)]);
        var check = new DiscoveryCurrentCheck(discovery.Object);

        var results = await check.EvaluateAsync(Context(check), default);

        Assert.Equal([("fresh", true), ("never", false), ("stale", false)], results.Select(r => (r.ObjectId, r.Passed)));
        Assert.Equal("no successful sweep", results[1].Reason);
    }
}
