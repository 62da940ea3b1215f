using System.Globalization;

namespace Qlrf.Rollouts;

/// <summary>Weighs a rollout's risk factors into a score, a level and a recommended pace.</summary>
public static class RiskScorer
{
    /// <summary>Blast radius reaches its maximum at this many assets (or the whole fleet).</summary>
    public const int LargeRollout = 500;

    public static RiskAssessment Assess(RiskInput input, RiskWeights weights)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        var total = weights.Total;
        if (total <= 0)
        {
            throw new ArgumentException("The risk weights must not all be zero.", nameof(weights));
        }

        var critical = input.Environments.Count == 0 ? 0 : input.Environments.Max(EnvironmentCriticality.Of);
        var share = input.FleetSize == 0 ? 0 : (double)input.AssetCount / input.FleetSize;
        var failureRate = input.RecentRollouts == 0 ? 0 : (double)input.RecentFailures / input.RecentRollouts;
        var values = new (RiskFactor Factor, double Value, string Reason)[]
        {
            (RiskFactor.EnvironmentCriticality, critical, $"most critical environment: {MostCritical(input.Environments)}"),
            (RiskFactor.BlastRadius, (0.5 * Math.Min(1, (double)input.AssetCount / LargeRollout)) + (0.5 * Math.Min(1, share)), Invariant($"{input.AssetCount} assets, {share:P1} of the fleet")),
            (RiskFactor.VersionsJumped, Math.Min(1, input.VersionsJumped / 5.0), Invariant($"up to {input.VersionsJumped} versions jumped")),
            (RiskFactor.Vulnerabilities, input.CriticalCves > 0 ? 1 : Math.Min(1, input.HighCves / 10.0), Invariant($"target has {input.CriticalCves} critical and {input.HighCves} high CVEs")),
            (RiskFactor.RecentFailures, Math.Min(1, failureRate * 2), Invariant($"{input.RecentFailures} of the family's last {input.RecentRollouts} rollouts failed")),
            (RiskFactor.BusinessHours, input.InBusinessHours ? 1 : 0, input.InBusinessHours ? "runs in business hours" : "runs outside business hours"),
            (RiskFactor.DrPairHealth, input.DrPairs == 0 ? 0 : (double)input.UnhealthyDrPairs / input.DrPairs, Invariant($"{input.UnhealthyDrPairs} of {input.DrPairs} DR pairs unhealthy")),
            (RiskFactor.RollbackReadiness, input.RollbackReady ? 0 : 1, input.RollbackReady ? "rollback versions available" : "some assets cannot be rolled back"),
        };

        var contributions = values
            .Select(v => new RiskContribution(v.Factor, Math.Round(v.Value, 3), weights.Of(v.Factor), Math.Round(100 * weights.Of(v.Factor) * v.Value / total, 1), v.Reason))
            .ToList();
        var score = Math.Round(contributions.Sum(c => 100 * c.Weight * c.Value / total), 1);
        var level = score switch
        {
            < 25 => RiskLevel.Low,
            < 50 => RiskLevel.Medium,
            < 75 => RiskLevel.High,
            _ => RiskLevel.Critical,
        };
        var (batch, wait) = level switch
        {
            RiskLevel.Low => (25, TimeSpan.FromMinutes(5)),
            RiskLevel.Medium => (10, TimeSpan.FromMinutes(15)),
            RiskLevel.High => (5, TimeSpan.FromMinutes(30)),
            _ => (2, TimeSpan.FromHours(1)),
        };
        return new RiskAssessment(score, level, contributions, batch, wait);
    }

    private static string MostCritical(IReadOnlyCollection<string> environments) =>
        environments.Count == 0 ? "none" : environments.MaxBy(EnvironmentCriticality.Of)!;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
