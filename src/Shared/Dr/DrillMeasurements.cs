namespace Qlrf.Dr;

/// <summary>
/// RTO as measured: from the start of failover until every workload was healthy at the recovery site. The
/// moment of health is the latest time the platform says a workload became healthy, bounded by the check that
/// confirmed it (when a platform cannot say, the confirming check's time is used).
/// </summary>
public sealed record RtoMeasurement(TimeSpan Target, TimeSpan? Measured, bool Met, DateTimeOffset? FailoverStartedAt, DateTimeOffset? HealthyAt, DateTimeOffset? ConfirmedAt)
{
    public double TargetSeconds => Target.TotalSeconds;

    public double? MeasuredSeconds => Measured?.TotalSeconds;
}

/// <summary>RPO as measured: the replication lag at the moment of failover, i.e. the age of the data the recovery site started from.</summary>
public sealed record RpoMeasurement(TimeSpan Target, TimeSpan? Measured, bool Met, DateTimeOffset? RecoveryPointAt)
{
    public double TargetSeconds => Target.TotalSeconds;

    public double? MeasuredSeconds => Measured?.TotalSeconds;
}

/// <summary>Computes RTO and RPO from timestamps recorded during a drill, and compares them with the pair's targets. Pure.</summary>
public static class DrillMeasurements
{
    /// <summary>The RTO of a drill.</summary>
    /// <param name="target">The pair's RTO target.</param>
    /// <param name="failoverStartedAt">When failover started, as the platform recorded it; null if it never started.</param>
    /// <param name="healthySince">Per workload, when the platform says it became healthy at the recovery site (null: it cannot say).</param>
    /// <param name="confirmedAt">When a check found every workload healthy; null if none did.</param>
    public static RtoMeasurement Rto(TimeSpan target, DateTimeOffset? failoverStartedAt, IReadOnlyCollection<DateTimeOffset?> healthySince, DateTimeOffset? confirmedAt)
    {
        ArgumentNullException.ThrowIfNull(healthySince);
        if (failoverStartedAt is not { } started || confirmedAt is not { } confirmed)
        {
            return new RtoMeasurement(target, null, false, failoverStartedAt, null, null);
        }

        var healthyAt = healthySince.Count == 0 ? confirmed : healthySince.Select(h => h is { } at && at <= confirmed ? at : confirmed).Max();
        if (healthyAt < started)
        {
            healthyAt = started;
        }

        var measured = healthyAt - started;
        return new RtoMeasurement(target, measured, measured <= target, started, healthyAt, confirmed);
    }

    /// <summary>The RPO of a drill.</summary>
    /// <param name="target">The pair's RPO target.</param>
    /// <param name="lagAtFailover">The replication lag when failover started; null if it never started.</param>
    /// <param name="failoverStartedAt">When failover started.</param>
    public static RpoMeasurement Rpo(TimeSpan target, TimeSpan? lagAtFailover, DateTimeOffset? failoverStartedAt)
    {
        if (lagAtFailover is not { } lag || failoverStartedAt is not { } started)
        {
            return new RpoMeasurement(target, null, false, null);
        }

        var measured = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
        return new RpoMeasurement(target, measured, measured <= target, started - measured);
    }
}
