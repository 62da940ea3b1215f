namespace Qlrf.Security;

/// <summary>
/// An API key as stored: its role and scope in one organisation, its expiry and revocation, and the
/// SHA-256 hash of its secret. The secret itself is shown once, when the key is created, and never kept.
/// </summary>
public sealed record ApiKey
{
    public required string Organisation { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required Role Role { get; init; }

    public required RoleScope Scope { get; init; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public required string SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
