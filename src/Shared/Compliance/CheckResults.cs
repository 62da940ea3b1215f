namespace Qlrf.Compliance;

/// <summary>
/// One object's result for one check: passed, or failed with the reason. <see cref="Scope"/> groups objects for
/// incremental re-evaluation (an asset's or an image version's family), so a change re-evaluates only its scope.
/// </summary>
public sealed record CheckObjectResult(string ObjectKind, string ObjectId, bool Passed, string Reason)
{
    public string? Environment { get; init; }

    public string? Site { get; init; }

    /// <summary>The image family an asset runs or an image version belongs to; null for other objects.</summary>
    public string? Scope { get; init; }
}

/// <summary>
/// A check evaluated for an organisation: its instance key (the check id and its parameters), when it was last
/// evaluated in full, and how many objects it holds.
/// </summary>
public sealed record CheckRun(string Organisation, string InstanceKey, DateTimeOffset EvaluatedAt, int Objects);

/// <summary>The objects of one check instance that a change replaced (upserted) or that no longer exist (removed).</summary>
public sealed record CheckDelta(IReadOnlyList<CheckObjectResult> Upserts, IReadOnlyList<string> Removed)
{
    public static CheckDelta None { get; } = new([], []);

    public bool IsEmpty => Upserts.Count == 0 && Removed.Count == 0;
}

/// <summary>A framework's standing on one day, for trends: the outcome counts, the score, and each control's outcome.</summary>
public sealed record ComplianceSnapshot(
    string Organisation,
    string FrameworkId,
    string FrameworkVersion,
    DateOnly Day,
    DateTimeOffset TakenAt,
    int Passing,
    int Failing,
    int Manual,
    double Score,
    IReadOnlyDictionary<string, ControlOutcome> Controls);
