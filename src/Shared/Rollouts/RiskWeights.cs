namespace Qlrf.Rollouts;

/// <summary>
/// Weights of the risk factors. The score is the weighted sum of each factor's value (0 to 1), scaled
/// to 100 by the total weight, so weights are relative.
/// </summary>
public sealed record RiskWeights
{
    public double EnvironmentCriticality { get; init; } = 25;

    public double BlastRadius { get; init; } = 20;

    public double VersionsJumped { get; init; } = 10;

    public double Vulnerabilities { get; init; } = 15;

    public double RecentFailures { get; init; } = 10;

    public double BusinessHours { get; init; } = 5;

    public double DrPairHealth { get; init; } = 10;

    public double RollbackReadiness { get; init; } = 5;

    public double Of(RiskFactor factor) => factor switch
    {
        RiskFactor.EnvironmentCriticality => EnvironmentCriticality,
        RiskFactor.BlastRadius => BlastRadius,
        RiskFactor.VersionsJumped => VersionsJumped,
        RiskFactor.Vulnerabilities => Vulnerabilities,
        RiskFactor.RecentFailures => RecentFailures,
        RiskFactor.BusinessHours => BusinessHours,
        RiskFactor.DrPairHealth => DrPairHealth,
        RiskFactor.RollbackReadiness => RollbackReadiness,
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };

    public double Total => Enum.GetValues<RiskFactor>().Sum(Of);
}
