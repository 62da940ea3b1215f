namespace Qlrf.Security;

/// <summary>Whether a caller is a person signed in with a token or an API key.</summary>
public enum PrincipalKind
{
    User,
    ApiKey,
}

/// <summary>
/// Someone acting in one organisation. <see cref="Actor"/> is how the audit log and rate limits name them:
/// <c>user:{subject}</c> or <c>key:{key id}</c>. <see cref="Grants"/> are the roles they hold; the grants of
/// their role bindings are added by <see cref="IAccessEvaluator.GrantsOfAsync"/>.
/// </summary>
public sealed record Principal(string Organisation, PrincipalKind Kind, string Subject, IReadOnlyList<RoleGrant> Grants)
{
    public const string Anonymous = "anonymous";

    public string Actor => ActorOf(Kind, Subject);

    public static string ActorOf(PrincipalKind kind, string subject) =>
        (kind == PrincipalKind.User ? "user:" : "key:") + subject;

    public static Principal User(string organisation, string subject, IReadOnlyList<RoleGrant> grants) =>
        new(organisation, PrincipalKind.User, subject, grants);

    public static Principal ApiKey(string organisation, string keyId, RoleGrant grant) =>
        new(organisation, PrincipalKind.ApiKey, keyId, [grant]);
}
