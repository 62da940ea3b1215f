using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qlrf.Identity;

namespace Qlrf.Api.Ui;

/// <summary>
/// What the Control Tower needs before anyone signs in: how to sign in. Public, since the sign-in page reads it;
/// it holds nothing secret (an OIDC public client's id and issuer are visible in every sign-in redirect anyway)
/// and nothing of any organisation.
/// </summary>
public sealed class UiConfigFunctions(IOptions<UiSignInOptions> ui, IOptions<JwtOptions> jwt)
{
    public Ok<UiConfigResource> GetUiConfig()
    {
        var options = ui.Value;
        var oidc = options.Enabled
            ? new OidcSignInResource(UiSignInOptionsValidator.Authority(options, jwt.Value)!, options.ClientId!, options.Scopes, options.DisplayName)
            : null;
        return TypedResults.Ok(new UiConfigResource(oidc));
    }
}

/// <summary>The Control Tower's sign-in settings. <see cref="Oidc"/> is null when only API keys sign in.</summary>
public sealed record UiConfigResource(OidcSignInResource? Oidc);

/// <summary>An OpenID Connect issuer the UI signs in with (authorization code with PKCE, public client).</summary>
public sealed record OidcSignInResource(string Authority, string ClientId, string Scopes, string DisplayName);
