using Qlrf.Security;

namespace Qlrf.Api.Rbac;

/// <summary>A role and the permissions it holds, written <c>read:assets</c>.</summary>
public sealed record RoleResource(Role Role, IReadOnlyList<string> Permissions);

/// <summary>The caller as the API sees them: organisation, actor, grants (bindings included) and the permissions they hold over the whole organisation.</summary>
public sealed record CallerResource(string Organisation, string Actor, PrincipalKind Kind, IReadOnlyList<GrantResource> Grants, IReadOnlyList<string> Permissions);

public sealed record GrantResource(Role Role, string Scope);

public sealed record RoleBindingResource(string Id, string Subject, Role Role, string Scope, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static RoleBindingResource From(RoleBinding b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.Subject, b.Role, b.Scope.ToString(), b.CreatedAt, b.CreatedBy);
    }
}

/// <summary>
/// Body of <c>POST /api/v1/rbac/bindings</c>: the user's subject (as their token's subject claim names them),
/// a role, and a scope: <c>organisation</c> (the default), <c>project:{name}</c> or <c>environment:{name}</c>.
/// </summary>
public sealed record CreateRoleBindingRequest(string? Subject, string? Role, string? Scope);
