using System.Globalization;
using Qlrf.Drift;
using Qlrf.Execution;

namespace Qlrf.Dr;

/// <summary>
/// Judges a pair's readiness. Red: a site is unhealthy, replication is not running, its lag exceeds the RPO
/// target, or the last drill failed. Amber: a site's health is unknown, the lag is above
/// <see cref="LagWarningShare"/> of the target, the pair was never drilled, or its last drill is older than
/// the pair's maximum drill age. Green otherwise. Pure.
/// </summary>
public static class DrReadinessEvaluator
{
    /// <summary>Lag above this share of the RPO target turns readiness amber.</summary>
    public const double LagWarningShare = 0.8;

    public static DrReadiness Evaluate(DrReadinessInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pair = input.Pair;
        var reasons = new List<ReadinessReason>();
        Site(reasons, "primary", pair.PrimarySite, input.Primary);
        Site(reasons, "recovery", pair.RecoverySite, input.Recovery);
        Replication(reasons, pair, input.Replication);
        var maxAge = pair.Policy.MaxDrillAge ?? input.DefaultMaxDrillAge;
        LastDrill(reasons, input.LastDrill, maxAge, input.Now);
        var status = reasons.Count == 0 ? RagStatus.Green : reasons.Min(r => r.Status);
        return new DrReadiness(
            pair.Id, pair.Name, status, reasons, input.Primary?.Healthy, input.Recovery?.Healthy, input.Replication?.Lag, pair.RpoTarget, input.LastDrill, maxAge, input.Now);
    }

    private static void Site(List<ReadinessReason> reasons, string role, string site, DrSiteStatus? status)
    {
        if (status is null)
        {
            reasons.Add(new($"{role}_unknown", RagStatus.Amber, $"The {role} site {site} reports no health: no DR executor serves it."));
        }
        else if (!status.Healthy)
        {
            reasons.Add(new($"{role}_unhealthy", RagStatus.Red, $"The {role} site {site} is unhealthy: {status.Detail ?? "no detail"}."));
        }
        else
        {
            reasons.Add(new($"{role}_healthy", RagStatus.Green, $"The {role} site {site} is healthy."));
        }
    }

    private static void Replication(List<ReadinessReason> reasons, DrPair pair, ReplicationStatus? replication)
    {
        if (replication is null)
        {
            reasons.Add(new("replication_unknown", RagStatus.Amber, "Replication reports nothing: no DR executor serves the pair's sites."));
            return;
        }

        if (replication.State != ReplicationState.Replicating)
        {
            reasons.Add(new("replication_not_running", RagStatus.Red, $"Replication to {pair.RecoverySite} is {Describe(replication.State)}{(replication.Detail is null ? "" : ": " + replication.Detail)}."));
        }

        var lag = replication.Lag;
        if (lag > pair.RpoTarget)
        {
            reasons.Add(new("lag_exceeds_rpo", RagStatus.Red, $"Replication lag {Duration(lag)} exceeds the RPO target {Duration(pair.RpoTarget)}."));
        }
        else if (lag > pair.RpoTarget * LagWarningShare)
        {
            reasons.Add(new("lag_near_rpo", RagStatus.Amber, $"Replication lag {Duration(lag)} is close to the RPO target {Duration(pair.RpoTarget)}."));
        }
        else
        {
            reasons.Add(new("lag_within_rpo", RagStatus.Green, $"Replication lag {Duration(lag)} is within the RPO target {Duration(pair.RpoTarget)}."));
        }
    }

    private static void LastDrill(List<ReadinessReason> reasons, LastDrill? last, TimeSpan maxAge, DateTimeOffset now)
    {
        if (last is null)
        {
            reasons.Add(new("never_drilled", RagStatus.Amber, "The pair has never been drilled."));
            return;
        }

        var age = now - last.FinishedAt;
        if (last.Outcome != DrillOutcome.Passed)
        {
            reasons.Add(new("last_drill_failed", RagStatus.Red, $"The last drill ({last.DrillId}, {Duration(age)} ago) failed."));
        }
        else
        {
            reasons.Add(new("last_drill_passed", RagStatus.Green, $"The last drill ({last.DrillId}, {Duration(age)} ago) passed."));
        }

        if (age > maxAge)
        {
            reasons.Add(new("drill_overdue", RagStatus.Amber, $"The last drill is {Duration(age)} old, older than the maximum drill age {Duration(maxAge)}."));
        }
    }

    private static string Describe(ReplicationState state) => state switch
    {
        ReplicationState.Paused => "paused",
        ReplicationState.FailedOver => "stopped (the pair is failed over)",
        _ => "broken",
    };

    /// <summary>A duration for people: <c>45s</c>, <c>4m 10s</c>, <c>3h 5m</c>, <c>12d 4h</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return span.TotalDays >= 1 ? string.Format(c, "{0}d {1}h", (int)span.TotalDays, span.Hours)
            : span.TotalHours >= 1 ? string.Format(c, "{0}h {1}m", (int)span.TotalHours, span.Minutes)
            : span.TotalMinutes >= 1 ? string.Format(c, "{0}m {1}s", (int)span.TotalMinutes, span.Seconds)
            : span.TotalSeconds >= 1 || span == TimeSpan.Zero ? string.Format(c, "{0}s", (int)span.TotalSeconds)
            : string.Format(c, "{0}ms", (int)span.TotalMilliseconds);
    }
}
