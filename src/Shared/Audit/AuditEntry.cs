namespace Qlrf.Audit;

/// <summary>
/// One entry of an organisation's audit log, as stored: numbered from 1 within the organisation, and
/// chained: <see cref="Hash"/> covers every field and <see cref="PreviousHash"/>, the hash of entry
/// <see cref="Sequence"/> − 1 (<see cref="AuditChain.Genesis"/> for the first).
/// </summary>
public sealed record AuditEntry
{
    public required string Organisation { get; init; }

    public required long Sequence { get; init; }

    /// <summary>When it was recorded, to the millisecond.</summary>
    public required DateTimeOffset Time { get; init; }

    public required string Actor { get; init; }

    public required string Action { get; init; }

    public required string Target { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public required string RequestId { get; init; }

    public required string Source { get; init; }

    public required IReadOnlyDictionary<string, string> Details { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }
}

/// <summary>The last entry of an organisation's chain, kept apart so that dropping entries from the end shows.</summary>
public sealed record AuditHead(long Sequence, string Hash);
