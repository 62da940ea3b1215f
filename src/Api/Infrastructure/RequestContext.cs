using Qlrf.Security;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// Who is calling and for which organisation, resolved once per request from the caller's sign-in. Every
/// store call an endpoint makes is scoped to <see cref="Organisation"/>.
/// </summary>
public sealed class RequestContext
{
    private string? organisation;

    public string Organisation
    {
        get => organisation ?? throw new InvalidOperationException("The request's organisation has not been resolved.");
        set => organisation = value;
    }

    /// <summary>The user or key acting (<c>user:{subject}</c>, <c>key:{id}</c>), for audit; <c>anonymous</c> until signed in.</summary>
    public string Actor { get; set; } = Principal.Anonymous;

    /// <summary>The signed-in caller, with the grants of their role bindings; null on public endpoints.</summary>
    public Principal? Caller { get; set; }

    /// <summary>The caller of an endpoint that declares a permission (always signed in there).</summary>
    public Principal RequireCaller() => Caller ?? throw new InvalidOperationException("The request has no signed-in caller.");

    /// <summary>What the audit entry of this call names as its target; by default the created resource's location, else the request path.</summary>
    public string? AuditTarget { get; set; }

    /// <summary>Facts an endpoint adds to this call's audit entry (never a secret).</summary>
    public IDictionary<string, string> AuditDetails { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
