namespace Qlrf.Security;

/// <summary>
/// A user (the subject of their sign-in token) given a role at a scope of one organisation, on top of the
/// roles their token carries.
/// </summary>
public sealed record RoleBinding
{
    public required string Organisation { get; init; }

    public required string Id { get; init; }

    public required string Subject { get; init; }

    public required Role Role { get; init; }

    public required RoleScope Scope { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The actor who created it.</summary>
    public required string CreatedBy { get; init; }

    public RoleGrant Grant => new(Role, Scope);
}
