namespace Qlrf.Api.Ui;

/// <summary>
/// How the Control Tower signs users in with OpenID Connect, section <c>Qlrf:Ui:Oidc</c>: the authorization-code flow
/// with PKCE against the issuer, as a public client (no secret). Off unless <see cref="ClientId"/> is set; the issuer
/// must be the one the API trusts (<c>Qlrf:Identity:Jwt</c>), since the UI sends its access token to the API.
/// </summary>
public sealed class UiSignInOptions
{
    public const string Section = "Qlrf:Ui:Oidc";

    /// <summary>The issuer the browser signs in with. Default: <c>Qlrf:Identity:Jwt:Authority</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The UI's client id at the issuer (Entra ID: the single-page application's registration).</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The scopes asked for, space-separated. They must get an access token whose audience is <c>Qlrf:Identity:Jwt:Audience</c>
    /// (Entra ID: <c>openid profile api://{api-app-id}/access_as_user</c>). Default <c>openid profile</c>.
    /// </summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>What the sign-in button says. Default <c>Sign in with Entra ID</c>.</summary>
    public string DisplayName { get; set; } = "Sign in with Entra ID";

    /// <summary>Whether OIDC sign-in is configured for the UI.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}
