namespace Qlrf.Security;

/// <summary>
/// What an action touches: an organisation and, where it is narrower, a project and an environment
/// (a rollout of project <c>payments</c> to <c>prod</c>). A grant must cover it for the action to be allowed.
/// </summary>
public sealed record AccessScope(string Organisation, string? Project = null, string? Environment = null)
{
    public static AccessScope Of(string organisation) => new(organisation);
}
