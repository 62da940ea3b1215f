using Qlrf.Rollouts;

namespace Qlrf.UnitTests.Rollouts;

public sealed class RiskScorerTests
{
    private static readonly RiskInput Quiet = new(["dev"], 5, 1000, 1, 0, 0, 10, 0, false, 0, 0, true);

    [Fact]
    public void A_small_dev_rollout_off_hours_is_low_risk_and_recommends_a_brisk_pace()
    {
        var risk = RiskScorer.Assess(Quiet, new RiskWeights());

        Assert.Equal(RiskLevel.Low, risk.Level);
        Assert.Equal((25, TimeSpan.FromMinutes(5)), (risk.RecommendedBatchSize, risk.RecommendedWait));
    }

    [Fact]
    public void Prod_with_critical_CVEs_in_business_hours_and_failures_is_critical()
    {
        var input = Quiet with
        {
            Environments = ["prod", "dev"],
            AssetCount = 600,
            VersionsJumped = 6,
            CriticalCves = 2,
            RecentFailures = 5,
            InBusinessHours = true,
            DrPairs = 2,
            UnhealthyDrPairs = 1,
            RollbackReady = false,
        };

        var risk = RiskScorer.Assess(input, new RiskWeights());

        Assert.Equal(RiskLevel.Critical, risk.Level);
        Assert.Equal(2, risk.RecommendedBatchSize);
    }

    [Fact]
    public void Each_factor_shows_its_contribution_and_they_add_up_to_the_score()
    {
        var risk = RiskScorer.Assess(Quiet with { Environments = ["prod"], HighCves = 5 }, new RiskWeights());

        Assert.Equal(Enum.GetValues<RiskFactor>(), risk.Contributions.Select(c => c.Factor));
        Assert.Equal(risk.Score, risk.Contributions.Sum(c => c.Points), precision: 0);
        var env = risk.Contributions.Single(c => c.Factor == RiskFactor.EnvironmentCriticality);
        Assert.Equal((1.0, 25.0), (env.Value, env.Points));
        Assert.Contains("prod", env.Reason, StringComparison.Ordinal);
        Assert.Equal(7.5, risk.Contributions.Single(c => c.Factor == RiskFactor.Vulnerabilities).Points);
    }

    [Fact]
    public void Weights_are_configurable()
    {
        var onlyVulns = new RiskWeights
        {
            EnvironmentCriticality = 0, BlastRadius = 0, VersionsJumped = 0, Vulnerabilities = 1,
            RecentFailures = 0, BusinessHours = 0, DrPairHealth = 0, RollbackReadiness = 0,
        };

        Assert.Equal(100, RiskScorer.Assess(Quiet with { Environments = ["prod"], CriticalCves = 1 }, onlyVulns).Score);
        Assert.Equal(0, RiskScorer.Assess(Quiet with { Environments = ["prod"] }, onlyVulns).Score);
    }
}
