namespace Qlrf.Rollouts;

/// <summary>How a rollout proceeds: a canary, then waves of batches, each batch followed by a health gate.</summary>
public sealed record RolloutStrategy
{
    /// <summary>The default waves: cumulative percentages of the scope.</summary>
    public static readonly IReadOnlyList<int> DefaultWaves = [5, 25, 50, 100];

    /// <summary>Canary size as a count of assets; used when set, otherwise <see cref="CanaryPercent"/>.</summary>
    public int? CanaryCount { get; init; }

    /// <summary>Canary size as a percentage of the scope (rounded up, at least one asset). Zero means no canary.</summary>
    public double CanaryPercent { get; init; } = 5;

    /// <summary>Cumulative percentages of the scope done at the end of each wave; the last is 100.</summary>
    public IReadOnlyList<int> Waves { get; init; } = DefaultWaves;

    /// <summary>Assets changed at once within a wave; a health check follows each batch.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>The pause between waves.</summary>
    public TimeSpan WaitBetweenWaves { get; init; } = TimeSpan.FromMinutes(10);

    public HealthGate HealthGate { get; init; } = new();

    public bool HasCanary => CanaryCount is > 0 || (CanaryCount is null && CanaryPercent > 0);
}

/// <summary>The failure threshold per wave, and what the health check looks at.</summary>
public sealed record HealthGate
{
    /// <summary>A wave whose failed share of assets exceeds this stops the rollout and rolls it back. Default 10%.</summary>
    public double MaxFailurePercent { get; init; } = 10;

    /// <summary>What to check after each batch: <c>state</c> (running), <c>health</c> (healthy), <c>version</c> (the target version is reported).</summary>
    public IReadOnlyList<string> Checks { get; init; } = ["version", "health"];
}

/// <summary>How much a rollout may do without a human.</summary>
public enum Autonomy
{
    /// <summary>A human approves before anything runs.</summary>
    ApproveAll,

    /// <summary>The canary runs without approval; a human approves the waves.</summary>
    CanaryOnly,

    /// <summary>Low risk runs without approval; anything higher waits for a human.</summary>
    RiskBased,
}
