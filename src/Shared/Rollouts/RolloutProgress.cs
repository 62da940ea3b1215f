namespace Qlrf.Rollouts;

/// <summary>
/// How far a rollout has got: the stage it is in (wave <see cref="Wave"/> of <see cref="Waves"/>; the canary
/// is wave 0) and its assets done (changed or found on the target), failed and in all. This is the
/// orchestration's custom status, and the listing shows it.
/// </summary>
public sealed record RolloutProgress
{
    public RolloutStatus Status { get; init; } = RolloutStatus.Planning;

    /// <summary>The stage running or last run: <c>canary</c>, <c>wave 2</c>; empty before the first.</summary>
    public string Stage { get; init; } = string.Empty;

    public int Wave { get; init; }

    /// <summary>Waves after the canary.</summary>
    public int Waves { get; init; }

    public int Done { get; init; }

    public int Failed { get; init; }

    public int Total { get; init; }

    /// <summary>Assets moved back by a rollback.</summary>
    public int RolledBack { get; init; }
}
