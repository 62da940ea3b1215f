namespace Qlrf.Security;

/// <summary>A named set of permissions (see <see cref="RolePermissions"/>); written <c>viewer</c>, <c>admin</c> on the wire.</summary>
public enum Role
{
    Viewer,
    Operator,
    Engineer,
    Admin,
}
