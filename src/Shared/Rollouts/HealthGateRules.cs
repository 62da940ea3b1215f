using Qlrf.Execution;
using Qlrf.Inventory;

namespace Qlrf.Rollouts;

/// <summary>
/// The health gate's arithmetic and the health check's judgement. An asset fails its check when the change
/// made it worse than it was (health or state), or when it does not report the target version; an asset that
/// was already degraded before the change is not held against the rollout.
/// </summary>
public static class HealthGateRules
{
    public const string State = "state";
    public const string Health = "health";
    public const string Version = "version";

    /// <summary>The checks a health gate may name.</summary>
    public static readonly IReadOnlyList<string> Checks = [State, Health, Version];

    /// <summary>
    /// Whether a stage's failures so far already exceed its gate: more than <paramref name="maxFailurePercent"/>
    /// of the stage's assets have failed, whatever the rest do. A gate of 0 stops at the first failure.
    /// </summary>
    public static bool Breached(int failed, int stageSize, double maxFailurePercent) =>
        failed > 0 && stageSize > 0 && failed * 100.0 / stageSize > maxFailurePercent;

    /// <summary>What is wrong with the asset after its change, by the gate's checks; null when it passes.</summary>
    public static string? Judge(AssetHealthReport after, AssetHealth healthBefore, AssetState stateBefore, string targetVersion, IReadOnlyCollection<string> checks)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Contains(Version) && after.Version != targetVersion)
        {
            return $"reports version {after.Version ?? "(none)"}, not {targetVersion}.";
        }

        if (checks.Contains(Health) && Rank(after.Health) > Rank(healthBefore))
        {
            return $"{Text(after.Health)} after the change (was {Text(healthBefore)}){(after.Detail is null ? "." : ": " + after.Detail)}";
        }

        if (checks.Contains(State) && stateBefore == AssetState.Running && after.State != AssetState.Running)
        {
            return $"{Text(after.State)} after the change (was running).";
        }

        return null;
    }

    /// <summary>Healthy, degraded, unhealthy, in order of worse; unknown says nothing either way.</summary>
    private static int Rank(AssetHealth health) => health switch
    {
        AssetHealth.Degraded => 1,
        AssetHealth.Unhealthy => 2,
        _ => 0,
    };

    private static string Text<T>(T value)
        where T : struct, Enum => Json.EnumText<T>.Of(value);
}
