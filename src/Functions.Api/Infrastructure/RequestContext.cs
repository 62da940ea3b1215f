namespace Qlrf.Functions.Api.Infrastructure;

/// <summary>
/// Who is calling and for which organisation, resolved once per request. Every store call an endpoint
/// makes is scoped to <see cref="Organisation"/>.
/// </summary>
public sealed class RequestContext
{
    private string? organisation;

    public string Organisation
    {
        get => organisation ?? throw new InvalidOperationException("The request's organisation has not been resolved.");
        set => organisation = value;
    }

    /// <summary>The user or key id acting, for audit; <c>anonymous</c> until identity resolves it.</summary>
    public string Actor { get; set; } = "anonymous";
}
