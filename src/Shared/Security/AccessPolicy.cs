namespace Qlrf.Security;

/// <summary>
/// The access decision, pure: a permission is allowed on a target when some grant's role holds it and the
/// grant's scope covers the target. Nothing crosses organisations.
/// </summary>
public static class AccessPolicy
{
    public static bool Allows(Principal principal, Permission permission, AccessScope target)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(target);
        return principal.Organisation == target.Organisation
            && principal.Grants.Any(g => RolePermissions.Has(g.Role, permission) && g.Scope.Covers(target));
    }

    /// <summary>Holds the permission somewhere in its organisation (for endpoints that check the resource's scope themselves).</summary>
    public static bool HoldsAnywhere(Principal principal, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Grants.Any(g => RolePermissions.Has(g.Role, permission));
    }

    /// <summary>May the principal act on everything inside <paramref name="scope"/> with this permission? (Managing a binding or key at that scope.)</summary>
    public static bool Manages(Principal principal, Permission permission, RoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(scope);
        return principal.Grants.Any(g => RolePermissions.Has(g.Role, permission)
            && (g.Scope.Level == ScopeLevel.Organisation || g.Scope == scope));
    }

    /// <summary>The permissions the principal holds at the target, in declaration order.</summary>
    public static IReadOnlyList<Permission> PermissionsAt(Principal principal, AccessScope target) =>
        Enum.GetValues<Permission>().Where(p => Allows(principal, p, target)).ToList();
}
