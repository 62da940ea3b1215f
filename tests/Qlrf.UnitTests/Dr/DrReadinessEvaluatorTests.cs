using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Execution;

namespace Qlrf.UnitTests.Dr;

public sealed class DrReadinessEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static DrReadinessInput Input(
        bool primaryHealthy = true,
        bool recoveryHealthy = true,
        TimeSpan? lag = null,
        ReplicationState state = ReplicationState.Replicating,
        LastDrill? last = null,
        TimeSpan? maxAge = null,
        bool noExecutor = false)
    {
        var pair = DrillPlatformFake.Pair(rpo: TimeSpan.FromSeconds(60)) with { Policy = new DrPairPolicy(MaxDrillAge: maxAge) };
        return new DrReadinessInput(
            pair,
            noExecutor ? null : new DrSiteStatus("site-a", primaryHealthy, primaryHealthy ? null : "power loss", Now),
            noExecutor ? null : new DrSiteStatus("site-b", recoveryHealthy, null, Now),
            noExecutor ? null : new ReplicationStatus(state, lag ?? TimeSpan.FromSeconds(20), null, Now),
            last,
            TimeSpan.FromDays(90),
            Now);
    }

    private static LastDrill Last(DrillOutcome outcome, double daysAgo) =>
        new("dr-acme-1", DrillKind.TestFailover, outcome, Now.AddDays(-daysAgo), TimeSpan.FromSeconds(30), TimeSpan.Zero);

    private static string Codes(DrReadiness r, RagStatus status) => string.Join(",", r.Reasons.Where(x => x.Status == status).Select(x => x.Code));

    [Fact]
    public void Healthy_sites_lag_within_target_and_a_recent_passed_drill_are_green_with_reasons()
    {
        var readiness = DrReadinessEvaluator.Evaluate(Input(last: Last(DrillOutcome.Passed, 3)));

        Assert.Equal(RagStatus.Green, readiness.Status);
        Assert.Equal("primary_healthy,recovery_healthy,lag_within_rpo,last_drill_passed", Codes(readiness, RagStatus.Green));
        Assert.Equal(TimeSpan.FromDays(90), readiness.MaxDrillAge);
    }

    [Fact]
    public void An_unhealthy_site_is_red_and_says_which_and_why()
    {
        var readiness = DrReadinessEvaluator.Evaluate(Input(primaryHealthy: false, last: Last(DrillOutcome.Passed, 1)));

        Assert.Equal(RagStatus.Red, readiness.Status);
        Assert.Equal("The primary site site-a is unhealthy: power loss.", readiness.Reasons.Single(r => r.Status == RagStatus.Red).Message);
        Assert.Equal("recovery_unhealthy", Codes(DrReadinessEvaluator.Evaluate(Input(recoveryHealthy: false, last: Last(DrillOutcome.Passed, 1))), RagStatus.Red));
    }

    [Fact]
    public void Lag_over_the_rpo_target_is_red_and_near_it_amber()
    {
        Assert.Equal("lag_exceeds_rpo", Codes(DrReadinessEvaluator.Evaluate(Input(lag: TimeSpan.FromSeconds(61), last: Last(DrillOutcome.Passed, 1))), RagStatus.Red));
        var near = DrReadinessEvaluator.Evaluate(Input(lag: TimeSpan.FromSeconds(50), last: Last(DrillOutcome.Passed, 1)));
        Assert.Equal((RagStatus.Amber, "lag_near_rpo"), (near.Status, Codes(near, RagStatus.Amber)));
    }

    [Fact]
    public void Replication_that_is_not_running_is_red()
    {
        var readiness = DrReadinessEvaluator.Evaluate(Input(state: ReplicationState.FailedOver, last: Last(DrillOutcome.Passed, 1)));

        Assert.Equal("replication_not_running", Codes(readiness, RagStatus.Red));
    }

    [Fact]
    public void A_pair_never_drilled_is_amber_and_one_whose_last_drill_failed_is_red()
    {
        Assert.Equal("never_drilled", Codes(DrReadinessEvaluator.Evaluate(Input()), RagStatus.Amber));
        Assert.Equal(RagStatus.Red, DrReadinessEvaluator.Evaluate(Input(last: Last(DrillOutcome.Failed, 1))).Status);
    }

    [Fact]
    public void A_drill_older_than_the_pairs_maximum_drill_age_turns_readiness_amber()
    {
        var fresh = DrReadinessEvaluator.Evaluate(Input(last: Last(DrillOutcome.Passed, 29), maxAge: TimeSpan.FromDays(30)));
        var old = DrReadinessEvaluator.Evaluate(Input(last: Last(DrillOutcome.Passed, 31), maxAge: TimeSpan.FromDays(30)));
        var byDefault = DrReadinessEvaluator.Evaluate(Input(last: Last(DrillOutcome.Passed, 91)));

        Assert.Equal(RagStatus.Green, fresh.Status);
        Assert.Equal((RagStatus.Amber, "drill_overdue"), (old.Status, Codes(old, RagStatus.Amber)));
        Assert.Equal("The last drill is 31d 0h old, older than the maximum drill age 30d 0h.", old.Reasons.Single(r => r.Code == "drill_overdue").Message);
        Assert.Equal(RagStatus.Amber, byDefault.Status);
    }

    [Fact]
    public void Sites_no_executor_serves_are_amber_unknowns()
    {
        var readiness = DrReadinessEvaluator.Evaluate(Input(noExecutor: true, last: Last(DrillOutcome.Passed, 1)));

        Assert.Equal(RagStatus.Amber, readiness.Status);
        Assert.Equal("primary_unknown,recovery_unknown,replication_unknown", Codes(readiness, RagStatus.Amber));
        Assert.Null(readiness.PrimaryHealthy);
    }

    [Theory]
    [InlineData(0.25, "250ms")]
    [InlineData(45, "45s")]
    [InlineData(250, "4m 10s")]
    [InlineData(11100, "3h 5m")]
    [InlineData(1051200, "12d 4h")]
    public void Durations_read_for_people(double seconds, string expected) =>
        Assert.Equal(expected, DrReadinessEvaluator.Duration(TimeSpan.FromSeconds(seconds)));
}
