using Qlrf.Approvals;
using Qlrf.Dr;

namespace Qlrf.UnitTests.Dr;

public sealed class DrillMeasurementsTests
{
    private static readonly DateTimeOffset Failover = new(2026, 11, 21, 3, 10, 0, TimeSpan.Zero);

    [Fact]
    public void Rto_runs_from_the_start_of_failover_until_the_last_workload_was_healthy()
    {
        var rto = DrillMeasurements.Rto(TimeSpan.FromMinutes(5), Failover, [Failover.AddSeconds(95), Failover.AddSeconds(130)], Failover.AddSeconds(140));

        Assert.Equal(TimeSpan.FromSeconds(130), rto.Measured);
        Assert.True(rto.Met);
        Assert.Equal(Failover.AddSeconds(130), rto.HealthyAt);
        Assert.Equal(Failover.AddSeconds(140), rto.ConfirmedAt);
        Assert.Equal(130, rto.MeasuredSeconds);
    }

    [Fact]
    public void Rto_takes_the_confirming_check_when_the_platform_cannot_say_when_a_workload_became_healthy()
    {
        var rto = DrillMeasurements.Rto(TimeSpan.FromMinutes(2), Failover, [Failover.AddSeconds(30), null], Failover.AddSeconds(150));

        Assert.Equal(TimeSpan.FromSeconds(150), rto.Measured);
        Assert.False(rto.Met);
    }

    [Fact]
    public void Rto_is_bounded_by_the_confirming_check_and_never_negative()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), DrillMeasurements.Rto(TimeSpan.FromMinutes(2), Failover, [Failover.AddSeconds(90)], Failover.AddSeconds(60)).Measured);
        Assert.Equal(TimeSpan.Zero, DrillMeasurements.Rto(TimeSpan.FromMinutes(2), Failover, [Failover.AddSeconds(-5)], Failover.AddSeconds(10)).Measured);
    }

    [Fact]
    public void Rto_exactly_at_the_target_is_met_and_unmeasured_rto_is_not()
    {
        Assert.True(DrillMeasurements.Rto(TimeSpan.FromSeconds(60), Failover, [Failover.AddSeconds(60)], Failover.AddSeconds(61)).Met);
        var never = DrillMeasurements.Rto(TimeSpan.FromSeconds(60), Failover, [], null);
        Assert.Equal((null, false), (never.Measured, never.Met));
        Assert.Null(DrillMeasurements.Rto(TimeSpan.FromSeconds(60), null, [], Failover).Measured);
    }

    [Fact]
    public void Rpo_is_the_replication_lag_at_failover_and_dates_the_recovery_point()
    {
        var rpo = DrillMeasurements.Rpo(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(42), Failover);

        Assert.Equal(TimeSpan.FromSeconds(42), rpo.Measured);
        Assert.True(rpo.Met);
        Assert.Equal(Failover.AddSeconds(-42), rpo.RecoveryPointAt);
        Assert.False(DrillMeasurements.Rpo(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(42), Failover).Met);
        Assert.True(DrillMeasurements.Rpo(TimeSpan.Zero, TimeSpan.Zero, Failover).Met);
        Assert.Null(DrillMeasurements.Rpo(TimeSpan.FromMinutes(1), null, null).Measured);
    }

    [Theory]
    [InlineData(true, true, DrillOutcome.Passed)]
    [InlineData(false, true, DrillOutcome.Failed)]
    [InlineData(true, false, DrillOutcome.Failed)]
    public void A_drill_passes_only_when_rto_and_rpo_are_both_within_target(bool rtoMet, bool rpoMet, DrillOutcome expected)
    {
        var rto = new RtoMeasurement(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), rtoMet, Failover, null, null);
        var rpo = new RpoMeasurement(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), rpoMet, null);

        Assert.Equal(expected, DrillVerdict.Decide(false, ApprovalStatus.Approved, false, null, rto, rpo));
    }

    [Fact]
    public void Rejection_expiry_cancel_and_failure_name_the_outcome()
    {
        var failure = new DrillFailure(DrillPhase.Failover, "site-b", "boom");

        Assert.Equal(DrillOutcome.Rejected, DrillVerdict.Decide(false, ApprovalStatus.Rejected, true, null, null, null));
        Assert.Equal(DrillOutcome.Expired, DrillVerdict.Decide(false, ApprovalStatus.Expired, false, null, null, null));
        Assert.Equal(DrillOutcome.Cancelled, DrillVerdict.Decide(false, ApprovalStatus.Approved, true, failure, null, null));
        Assert.Equal(DrillOutcome.Failed, DrillVerdict.Decide(false, ApprovalStatus.Approved, false, failure, null, null));
        Assert.Equal(DrillOutcome.Passed, DrillVerdict.Decide(true, null, false, null, null, null));
        Assert.Equal(DrillOutcome.Failed, DrillVerdict.Decide(false, null, false, null, null, null));
    }
}
