namespace Qlrf.Audit;

/// <summary>Filters for reading the audit log; every given filter must match. <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter
{
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? Target { get; init; }

    public AuditOutcome? Outcome { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public static AuditFilter None { get; } = new();
}

/// <summary>Newest first (browsing) or oldest first (export, verification).</summary>
public enum AuditOrder
{
    NewestFirst,
    OldestFirst,
}
