namespace Qlrf.Rollouts.Policies;

/// <summary>Everything a safety policy looks at when it judges a rollout plan.</summary>
/// <param name="Exceptions">Targets an admin has granted a policy exception to (written as <see cref="RolloutTarget.ToString"/>).</param>
/// <param name="Schedule">The maintenance window the rollout asked for, if any.</param>
public sealed record PolicyContext(
    RolloutTarget Target,
    RolloutStrategy Strategy,
    RolloutPlan Plan,
    IReadOnlyDictionary<string, PlannedAsset> Assets,
    int CriticalCves,
    IReadOnlyCollection<string> Exceptions,
    RolloutWindow? Schedule,
    DateTimeOffset Now)
{
    /// <summary>When the rollout would start: its window's start, or now.</summary>
    public DateTimeOffset Start => Schedule?.Start ?? Now;

    public bool Touches(IReadOnlyCollection<string> environments) =>
        environments.Count == 0 || Assets.Values.Any(a => environments.Contains(a.Environment, StringComparer.Ordinal));
}

/// <summary>A window of time the rollout may run in.</summary>
public sealed record RolloutWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>A broken rule, and why.</summary>
public sealed record PolicyViolation(string RuleId, string Reason);
