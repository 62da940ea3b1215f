using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Identity.ApiKeys;
using Qlrf.Security;

namespace Qlrf.Identity.Authentication;

/// <summary>
/// Signs in with an API key: one point read of the key named by the credential, the secret checked against
/// its hash in constant time, then revocation and expiry. A request without credentials stays anonymous.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IApiKeyStore keys,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private readonly ILogger log = loggerFactory.CreateLogger<ApiKeyAuthenticationHandler>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var bearer = QlrfAuthentication.ReadBearer(Request);
        if (bearer is null)
        {
            return AuthenticateResult.NoResult();
        }

        using var activity = IdentityTelemetry.ActivitySource.StartActivity("ApiKey.Authenticate");
        if (!bearer.StartsWith(ApiKeyToken.Prefix, StringComparison.Ordinal))
        {
            return Refuse(SignInFailures.UnsupportedCredentials, null, null);
        }

        if (!ApiKeyToken.TryParse(bearer, out var presented))
        {
            return Refuse(SignInFailures.MalformedKey, null, null);
        }

        var key = await keys.GetAsync(presented.Organisation, presented.KeyId, Context.RequestAborted);
        var reason = key switch
        {
            null => SignInFailures.UnknownKey,
            _ when !ApiKeyToken.Matches(presented.Secret, key.SecretHash) => SignInFailures.WrongSecret,
            { RevokedAt: not null } => SignInFailures.RevokedKey,
            _ when !key.IsActiveAt(time.GetUtcNow()) => SignInFailures.ExpiredKey,
            _ => null,
        };
        if (reason is not null || key is null)
        {
            // An unknown key's organisation is only what the caller wrote; the audit entry goes to the default organisation.
            return Refuse(reason ?? SignInFailures.UnknownKey, key?.Organisation, presented.KeyId);
        }

        activity?.SetTag("qlrf.organisation", key.Organisation);
        IdentityTelemetry.SignIns.Add(1, new("scheme", Scheme.Name), new("outcome", "ok"));
        var principal = Principal.ApiKey(key.Organisation, key.Id, new RoleGrant(key.Role, key.Scope));
        return AuthenticateResult.Success(new AuthenticationTicket(QlrfClaims.ToClaimsPrincipal(principal, Scheme.Name), Scheme.Name));
    }

    private AuthenticateResult Refuse(string reason, string? organisation, string? keyId)
    {
        IdentityTelemetry.SignIns.Add(1, new("scheme", Scheme.Name), new("outcome", reason));
        IdentityLogs.SignInFailed(log, Scheme.Name, reason, organisation, keyId);
        return AuthenticateResult.Fail(new SignInFailedException(Scheme.Name, reason, organisation, keyId));
    }
}
