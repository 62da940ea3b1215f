using Qlrf.Execution;

namespace Qlrf.Sandbox.Dr;

/// <summary>
/// What the simulator has done to one pair, as timestamps: its jobs, its failover, and when replication paused
/// and resumes. Everything else (job state, health, lag) is computed from these at the moment asked, so a
/// restarted host sees exactly what it would have seen had it kept running.
/// </summary>
internal sealed record SandboxDrState
{
    /// <summary>Jobs kept per pair, newest; older ones are dropped.</summary>
    public const int MaxJobs = 40;

    public List<SandboxDrJob> Jobs { get; init; } = [];

    public SandboxFailover? Failover { get; init; }

    public DateTimeOffset? ReplicationPausedAt { get; init; }

    public DateTimeOffset? ReplicationResumesAt { get; init; }

    public SandboxDrJob? Job(string key) => Jobs.FirstOrDefault(j => j.Key == key);

    public SandboxDrState With(SandboxDrJob job) => this with { Jobs = [.. Jobs.TakeLast(MaxJobs - 1), job] };

    /// <summary>The failover in effect at <paramref name="at"/> (started and not yet failed back), if any.</summary>
    public SandboxFailover? ActiveAt(DateTimeOffset at) =>
        Failover is { } f && f.StartedAt <= at && (f.EndsAt is null || at < f.EndsAt) ? f : null;

    public bool PausedAt(DateTimeOffset at) =>
        ReplicationPausedAt is { } paused && paused <= at && (ReplicationResumesAt is null || at < ReplicationResumesAt);
}

/// <summary>A job: when it started and finishes, and the failure it ends in (if injected).</summary>
internal sealed record SandboxDrJob(string Key, DrJobKind Kind, DateTimeOffset StartedAt, DateTimeOffset FinishesAt, string? Failure, string? Detail, TimeSpan? LagAtStart, TimeSpan? LagAfter)
{
    public DrJob At(DateTimeOffset now) =>
        now < FinishesAt
            ? new DrJob(Key, Kind, DrJobState.Running, StartedAt, null, Detail, LagAtStart)
            : new DrJob(Key, Kind, Failure is null ? DrJobState.Succeeded : DrJobState.Failed, StartedAt, FinishesAt, Failure ?? Detail, LagAtStart);
}

/// <summary>
/// A failover: which drill started it, whether it is a test, when the workloads launch and pass their checks
/// (never, with <see cref="Unhealthy"/> saying why, under a validation fault), and when failback ends it.
/// </summary>
internal sealed record SandboxFailover(
    string DrillId,
    bool Test,
    DateTimeOffset StartedAt,
    DateTimeOffset LaunchedAt,
    DateTimeOffset? HealthyAt,
    string? Unhealthy,
    bool Failed,
    DateTimeOffset? EndsAt);
