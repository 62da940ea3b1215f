using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Qlrf.Json;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Identity.Authentication;

/// <summary>
/// How a signed-in <see cref="Principal"/> travels in a <see cref="ClaimsPrincipal"/>: whichever way the
/// caller signed in (API key or JWT), the request carries these claims and nothing else of ours.
/// </summary>
public static class QlrfClaims
{
    public const string Organisation = "qlrf:org";
    public const string Kind = "qlrf:kind";
    public const string Subject = "qlrf:sub";
    public const string Grant = "qlrf:grant";

    public static ClaimsPrincipal ToClaimsPrincipal(Principal principal, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = new List<Claim>
        {
            new(Organisation, principal.Organisation),
            new(Kind, EnumText<PrincipalKind>.Of(principal.Kind)),
            new(Subject, principal.Subject),
        };
        claims.AddRange(principal.Grants.Select(g => new Claim(Grant, g.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, Subject, roleType: null));
    }

    /// <summary>The principal the request signed in as; false for an anonymous request.</summary>
    public static bool TryGetPrincipal(ClaimsPrincipal? user, [NotNullWhen(true)] out Principal? principal)
    {
        principal = null;
        var organisation = user?.FindFirst(Organisation)?.Value;
        var subject = user?.FindFirst(Subject)?.Value;
        if (user?.Identity?.IsAuthenticated != true || !OrganisationId.IsValid(organisation) || string.IsNullOrEmpty(subject)
            || !EnumText<PrincipalKind>.TryParse(user.FindFirst(Kind)?.Value, out var kind))
        {
            return false;
        }

        var grants = user.FindAll(Grant).Select(c => RoleGrant.TryParse(c.Value, out var g) ? g : null).OfType<RoleGrant>().ToList();
        principal = new Principal(organisation, kind, subject, grants);
        return true;
    }
}
