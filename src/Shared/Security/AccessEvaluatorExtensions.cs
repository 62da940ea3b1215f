namespace Qlrf.Security;

public static class AccessEvaluatorExtensions
{
    /// <summary>
    /// Whether the principal holds the permission in every environment a change touches (an approval of a
    /// rollout across <c>staging</c> and <c>prod</c> needs <c>approve:tasks</c> in both). False for no environments.
    /// </summary>
    public static async Task<bool> HasPermissionInEveryEnvironmentAsync(
        this IAccessEvaluator access, Principal principal, Permission permission, string? project, IReadOnlyCollection<string> environments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(environments);
        var resolved = await access.ResolveAsync(principal, cancellationToken);
        return environments.Count > 0
            && environments.All(e => AccessPolicy.Allows(resolved, permission, new AccessScope(principal.Organisation, project, e)));
    }
}
