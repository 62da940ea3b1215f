namespace Qlrf.Rollouts;

/// <summary>
/// An admin's exception to the critical-CVE policy for one target (<c>family@version</c>), with the reason,
/// who granted it and until when. A plan for that target is not blocked by its critical CVEs while it holds.
/// </summary>
public sealed record PolicyExceptionGrant
{
    public required string Organisation { get; init; }

    public required string Target { get; init; }

    public required string Reason { get; init; }

    public required string GrantedBy { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>When it lapses; null means until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool HoldsAt(DateTimeOffset at) => ExpiresAt is null || at < ExpiresAt;
}
