using Qlrf.Approvals;
using Qlrf.Dr;

namespace Qlrf.UnitTests.Dr;

public sealed class DrillReportMarkdownTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private static DrillReport Report(DrillOutcome outcome = DrillOutcome.Failed)
    {
        var journal = new DrillJournal();
        journal.Begin(DrillPhase.PreCheck, T);
        journal.Pass(DrillPhase.PreCheck, T.AddSeconds(1), "2 workload(s)");
        journal.Begin(DrillPhase.Validation, T.AddSeconds(10));
        journal.Fail(DrillPhase.Validation, T.AddSeconds(70), "db-1: check | failing", "site-b");
        journal.Observe(T.AddSeconds(20), DrillPhase.Validation, "site-b", "unhealthy: db-1");
        journal.Restore(new RestoreRecord("clean up the test failover at site-b", true, T.AddSeconds(70), T.AddSeconds(75), "cleaned up"));
        journal.Controlled("pause", "user:carol", "freeze", T.AddSeconds(5));
        var approval = new ApprovalRecord("dr-acme-1:approval", ApprovalStatus.Approved, 1, [new ApprovalDecision("user:bob", ApprovalDecisionKind.Approve, "go", "slack", T.AddSeconds(2))], null);
        var header = new DrillReportHeader("acme", "dr-acme-1", DrPairSummary.Of(DrillPlatformFake.Pair()), DrillKind.TestFailover, false, DrillTrigger.Manual, "user:alice", T, ["db-1", "db-2"], approval);
        return journal.Build(
            header,
            outcome,
            "Failed in validation at site-b: db-1: check | failing",
            new RtoMeasurement(TimeSpan.FromMinutes(5), null, false, T.AddSeconds(8), null, null),
            new RpoMeasurement(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(3), true, T.AddSeconds(5)),
            T.AddSeconds(80));
    }

    [Fact]
    public void The_markdown_gives_an_auditor_the_facts_objectives_phases_approvals_failback_and_evidence()
    {
        var md = DrillReportMarkdown.Render(Report());

        Assert.StartsWith("# DR drill report: dr-acme-1\n", md, StringComparison.Ordinal);
        Assert.Contains("| Outcome | **FAILED** |", md, StringComparison.Ordinal);
        Assert.Contains("| Primary → recovery site | site-a → site-b |", md, StringComparison.Ordinal);
        Assert.Contains("| RTO (failover start → workloads healthy at the recovery site) | 5m 0s | not measured | not met (not measured) |", md, StringComparison.Ordinal);
        Assert.Contains("| RPO (replication lag at failover) | 1m 0s | 3s | met |", md, StringComparison.Ordinal);
        Assert.Contains("- Phase: Validation\n- Where: site-b\n- Why: db-1: check | failing", md, StringComparison.Ordinal);
        Assert.Contains("| 5 | Validation | failed | 2026-11-21 03:00:10Z | 2026-11-21 03:01:10Z | db-1: check \\| failing |", md, StringComparison.Ordinal);
        Assert.Contains("| 6 | Failback | not_run | — | — |  |", md, StringComparison.Ordinal);
        Assert.Contains("| user:bob | approve | 2026-11-21 03:00:02Z | slack | go |", md, StringComparison.Ordinal);
        Assert.Contains("| clean up the test failover at site-b | restored | 2026-11-21 03:01:10Z | 2026-11-21 03:01:15Z | cleaned up |", md, StringComparison.Ordinal);
        Assert.Contains("- `db-2`", md, StringComparison.Ordinal);
        Assert.Contains("| 2026-11-21 03:00:05Z | pause | user:carol | freeze |", md, StringComparison.Ordinal);
        Assert.Contains("| 2026-11-21 03:00:20Z | Validation | site-b | unhealthy: db-1 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drill_stopped_before_approval_says_so_and_that_nothing_was_restored()
    {
        var report = Report(DrillOutcome.Rejected) with { Approval = null, Restored = [] };

        var md = DrillReportMarkdown.Render(report);

        Assert.Contains("None: the drill ended before approval.", md, StringComparison.Ordinal);
        Assert.Contains("Nothing to restore: the drill made no change at the recovery site.", md, StringComparison.Ordinal);
        Assert.Contains("**REJECTED**", md, StringComparison.Ordinal);
    }
}
