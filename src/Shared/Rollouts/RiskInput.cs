namespace Qlrf.Rollouts;

/// <summary>What the risk of a rollout is judged on, gathered by the planning activities.</summary>
/// <param name="Environments">The environments of the scope's assets.</param>
/// <param name="AssetCount">Assets in scope.</param>
/// <param name="FleetSize">Assets in the organisation.</param>
/// <param name="VersionsJumped">The largest number of versions any asset jumps to reach the target.</param>
/// <param name="CriticalCves">Critical vulnerabilities of the target version.</param>
/// <param name="HighCves">High vulnerabilities of the target version.</param>
/// <param name="RecentRollouts">The family's rollouts in the recent window.</param>
/// <param name="RecentFailures">Of those, the ones that failed or rolled back.</param>
/// <param name="InBusinessHours">Whether the rollout would run in business hours.</param>
/// <param name="DrPairs">DR pairs the scope touches.</param>
/// <param name="UnhealthyDrPairs">Of those, the ones not healthy now.</param>
/// <param name="RollbackReady">Whether every asset's current version can still be rolled back to.</param>
public sealed record RiskInput(
    IReadOnlyCollection<string> Environments,
    int AssetCount,
    int FleetSize,
    int VersionsJumped,
    int CriticalCves,
    int HighCves,
    int RecentRollouts,
    int RecentFailures,
    bool InBusinessHours,
    int DrPairs,
    int UnhealthyDrPairs,
    bool RollbackReady);

/// <summary>A factor's value (0 to 1), weight, and contribution to the score.</summary>
public sealed record RiskContribution(RiskFactor Factor, double Value, double Weight, double Points, string Reason);

/// <summary>The risk of a rollout: a score out of 100, its level, each factor's contribution, and what it recommends.</summary>
public sealed record RiskAssessment(
    double Score,
    RiskLevel Level,
    IReadOnlyList<RiskContribution> Contributions,
    int RecommendedBatchSize,
    TimeSpan RecommendedWait);
