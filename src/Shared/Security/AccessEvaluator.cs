namespace Qlrf.Security;

/// <summary>
/// Adds a user's role bindings to the grants they signed in with, and decides with <see cref="AccessPolicy"/>. Every
/// host that decides on access registers it: the API (through identity) and the workflows (approvals check deciders).
/// </summary>
public sealed class AccessEvaluator(IRoleBindingStore bindings) : IAccessEvaluator
{
    public async Task<Principal> ResolveAsync(Principal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Kind != PrincipalKind.User)
        {
            return principal;
        }

        var bound = await bindings.ListForSubjectAsync(principal.Organisation, principal.Subject, cancellationToken);
        return bound.Count == 0 ? principal : principal with { Grants = principal.Grants.Concat(bound.Select(b => b.Grant)).Distinct().ToList() };
    }

    public async Task<bool> HasPermissionAsync(Principal principal, Permission permission, AccessScope scope, CancellationToken cancellationToken) =>
        AccessPolicy.Allows(await ResolveAsync(principal, cancellationToken), permission, scope);
}
