namespace Qlrf.Audit;

/// <summary>
/// Actions written outside an endpoint. An API call is recorded under its endpoint's name
/// (<c>CreateRoleBinding</c>, <c>StartSweep</c>); these name the rest.
/// </summary>
public static class AuditActions
{
    /// <summary>Credentials were presented and refused: an unknown, revoked or expired key, a bad token.</summary>
    public const string SignInFailed = nameof(SignInFailed);

    /// <summary>The local host created the bootstrap admin key.</summary>
    public const string BootstrapAdminKeyCreated = nameof(BootstrapAdminKeyCreated);
}
