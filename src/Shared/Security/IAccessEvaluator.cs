namespace Qlrf.Security;

/// <summary>
/// Access decisions for callers inside and outside HTTP (an approval arriving from an orchestration or a
/// chat message): the principal's own grants plus those of its role bindings, checked against a scope.
/// </summary>
public interface IAccessEvaluator
{
    /// <summary>The principal with the grants of its role bindings added.</summary>
    Task<Principal> ResolveAsync(Principal principal, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the principal may use <paramref name="permission"/> on <paramref name="scope"/>; an engineer
    /// bound to <c>staging</c> may not approve a change to <c>prod</c>.
    /// </summary>
    Task<bool> HasPermissionAsync(Principal principal, Permission permission, AccessScope scope, CancellationToken cancellationToken);
}
