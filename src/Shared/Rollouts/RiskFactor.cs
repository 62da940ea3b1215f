namespace Qlrf.Rollouts;

/// <summary>The factors a rollout's risk is weighed from.</summary>
public enum RiskFactor
{
    EnvironmentCriticality,
    BlastRadius,
    VersionsJumped,
    Vulnerabilities,
    RecentFailures,
    BusinessHours,
    DrPairHealth,
    RollbackReadiness,
}

/// <summary>Low, Medium, High or Critical, from the weighted score.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
    Critical,
}
