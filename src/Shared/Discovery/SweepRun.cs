namespace Qlrf.Discovery;

/// <summary>The record of one run of an asset source.</summary>
public sealed record SweepRun
{
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required string Source { get; init; }

    public required SweepTrigger Trigger { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public SweepStatus Status { get; init; } = SweepStatus.Running;

    public SweepCounts Counts { get; init; } = SweepCounts.None;

    public IReadOnlyList<SweepError> Errors { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status != SweepStatus.Running;
}

/// <summary>What a sweep found: assets discovered, and how many of them were added, updated, removed or unchanged.</summary>
public sealed record SweepCounts(int Discovered, int Added, int Updated, int Removed, int Unchanged)
{
    public static SweepCounts None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>An error in a sweep, with the scope it concerns (a file, region, subscription, cluster) where known.</summary>
public sealed record SweepError(string Scope, string Message);
