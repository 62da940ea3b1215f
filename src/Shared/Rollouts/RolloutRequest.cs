using Qlrf.Rollouts.Policies;

namespace Qlrf.Rollouts;

/// <summary>What a requester asked for: the target, the scope, how to proceed, when, and how much may run without a human.</summary>
public sealed record RolloutRequest
{
    public required RolloutTarget Target { get; init; }

    public RolloutScope Scope { get; init; } = new();

    public StrategyRequest Strategy { get; init; } = new();

    /// <summary>The maintenance window to run in, if any: the rollout waits for its start and stops at its end.</summary>
    public RolloutWindow? Schedule { get; init; }

    public Autonomy Autonomy { get; init; } = Autonomy.ApproveAll;
}

/// <summary>
/// The strategy as requested: what is left out takes the default, except the batch size and the wait
/// between waves, which take the risk score's recommendation.
/// </summary>
public sealed record StrategyRequest
{
    public int? CanaryCount { get; init; }

    public double? CanaryPercent { get; init; }

    public IReadOnlyList<int>? Waves { get; init; }

    public int? BatchSize { get; init; }

    public TimeSpan? WaitBetweenWaves { get; init; }

    public HealthGate? HealthGate { get; init; }

    /// <summary>The strategy to run: the request's values, the risk's recommended pace, then the defaults.</summary>
    public RolloutStrategy Resolve(RiskAssessment risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var defaults = new RolloutStrategy();
        return new RolloutStrategy
        {
            CanaryCount = CanaryCount,
            CanaryPercent = CanaryPercent ?? defaults.CanaryPercent,
            Waves = Waves ?? defaults.Waves,
            BatchSize = BatchSize ?? risk.RecommendedBatchSize,
            WaitBetweenWaves = WaitBetweenWaves ?? risk.RecommendedWait,
            HealthGate = HealthGate ?? defaults.HealthGate,
        };
    }
}
